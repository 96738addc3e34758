import { canonicalJson } from '../catalog/fingerprint.js';
/** Compares two catalogs fact by fact, knowing nothing about any kind. */
export function diffCatalogs(source, target) {
    const deltas = { added: [], removed: [], changed: [] };
    for (const [id, from] of source) {
        const to = target.get(id);
        if (!to) {
            deltas.removed.push(from);
            continue;
        }
        const keys = changedKeys(from.payload, to.payload);
        if (keys.length > 0)
            deltas.changed.push({ from, to, keys });
    }
    for (const [id, to] of target)
        if (!source.has(id))
            deltas.added.push(to);
    return deltas;
}
function changedKeys(a, b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).sort();
}
//# sourceMappingURL=delta.js.map