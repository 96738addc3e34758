import { MinHeap } from './min-heap.js';
/**
 * Topological order of actions over what they create, destroy, need and release:
 * - whatever needs an id comes after the action that creates it, and a create also after the
 *   actions that alter it;
 * - whatever releases an id comes before the action that destroys it, and a drop also before the
 *   actions that alter it (dependents go before their object goes or changes);
 * - an id is destroyed before it is created again;
 * - actions of one group (one rule's answer for one object) keep their written order.
 * Among actions that are free to go, drops go first, then by kind rank, then in input order, so the
 * same input always gives the same script. A cycle is broken at its earliest action and reported.
 */
export function orderActions(actions, groups, kindRank) {
    const n = actions.length;
    const successors = Array.from({ length: n }, () => []);
    const indegree = new Array(n).fill(0);
    const edge = (before, after) => {
        if (before === after)
            return;
        successors[before].push(after);
        indegree[after]++;
    };
    const creator = new Map();
    const destroyer = new Map();
    const alterers = new Map();
    actions.forEach((a, i) => {
        for (const id of a.creates)
            creator.set(id, i);
        for (const id of a.destroys)
            destroyer.set(id, i);
        for (const id of a.alters)
            alterers.set(id, [...(alterers.get(id) ?? []), i]);
    });
    actions.forEach((a, i) => {
        // A new object that needs a changed one comes after the change (a view after its column's new
        // type); a dropped one goes before it. Alters among themselves keep only their group order.
        const creates = a.creates.length > 0;
        const drops = a.destroys.length > 0 && !creates;
        for (const id of a.needs) {
            const c = creator.get(id);
            if (c !== undefined)
                edge(c, i);
            // …unless that change waits for this very object (INHERIT needs the child's new columns).
            if (creates)
                for (const m of alterers.get(id) ?? [])
                    if (!actions[m].needs.some((x) => a.creates.includes(x)))
                        edge(m, i);
        }
        for (const id of a.releases) {
            const d = destroyer.get(id);
            if (d !== undefined)
                edge(i, d);
            if (drops)
                for (const m of alterers.get(id) ?? [])
                    edge(i, m);
        }
        for (const id of a.creates) {
            const d = destroyer.get(id);
            if (d !== undefined)
                edge(d, i);
        }
        if (i > 0 && groups[i] === groups[i - 1])
            edge(i - 1, i);
    });
    const key = (i) => {
        const a = actions[i];
        // Drops, and steps that only let go of something (DROP DEFAULT, DROP IDENTITY), go first.
        const isDrop = a.creates.length === 0 && a.alters.length === 0;
        return isDrop ? [0, -kindRank(a.kind), i] : [1, kindRank(a.kind), i];
    };
    const ready = new MinHeap((x, y) => compareKeys(key(x), key(y)));
    for (let i = 0; i < n; i++)
        if (indegree[i] === 0)
            ready.push(i);
    const done = new Array(n).fill(false);
    const ordered = [];
    const cycles = [];
    while (ordered.length < n) {
        let next = ready.pop();
        if (next === undefined) {
            // Every remaining action waits on another: take the first by the usual preference.
            next = [...Array(n).keys()].filter((i) => !done[i]).sort((x, y) => compareKeys(key(x), key(y)))[0];
            cycles.push(actions[next]);
        }
        else if (done[next])
            continue;
        done[next] = true;
        ordered.push(actions[next]);
        for (const s of successors[next])
            if (--indegree[s] === 0 && !done[s])
                ready.push(s);
    }
    return { ordered, cycles };
}
function compareKeys(a, b) {
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return a[i] - b[i];
    return 0;
}
//# sourceMappingURL=order.js.map