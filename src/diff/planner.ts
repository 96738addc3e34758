import type { Catalog, Fact } from '../catalog/fact.js';
import type { Action } from './action.js';
import { diffCatalogs, type Change, type Deltas } from './delta.js';
import { objectName } from './object-name.js';
import { orderActions } from './order.js';
import type { Rule, RuleContext } from './rule.js';

export interface Migration {
  actions: Action[];
  /** Actions whose dependencies formed a cycle; the order around them is a best effort. */
  cycles: Action[];
  /** What rules chose not to do and said why, e.g. a grant to a role the database lacks. */
  warnings: string[];
  /** The catalogs' difference the actions were planned from. */
  deltas: Deltas;
  /** The facts that live inside a fact, on either side (RuleContext.children). */
  children: RuleContext['children'];
}

/**
 * Turns the difference between two catalogs into ordered actions. Knows no kind: rules write the
 * SQL, this file decides which facts are dropped, created or altered, and the order follows from
 * what each action creates, destroys, needs and releases.
 */
export function planMigration(
  source: Catalog,
  target: Catalog,
  rules: Map<string, Rule>,
  kindRank: (kind: string) => number,
  options: { online?: boolean } = {},
): Migration {
  const ruleFor = (kind: string): Rule => {
    const rule = rules.get(kind);
    if (!rule) throw new Error(`no rule for object kind "${kind}"`);
    return rule;
  };
  const childIndex = new Map<Catalog, Map<string, Fact[]>>([
    [source, indexChildren(source)],
    [target, indexChildren(target)],
  ]);
  const warnings: string[] = [];
  const deltas = diffCatalogs(source, target);
  const toDrop = new Map(deltas.removed.map((f) => [f.id, f]));
  const ctx: RuleContext = {
    source,
    target,
    ruleFor,
    warn: (message) => warnings.push(message),
    children: (catalog, id) => childIndex.get(catalog)?.get(id) ?? [],
    online: options.online ?? false,
    kept: (id) => source.has(id) && !toDrop.has(id),
  };
  const toCreate = new Map(deltas.added.map((f) => [f.id, f]));
  const alters = new Map<string, Action[]>();
  const dependents = indexDependents(source);
  const recreated = new Set<string>();
  // Dependents rebuilt around a change → the changed object: they go before any step of it and
  // come back after all of them, even where they depend on it only through a column it moves.
  const rebuiltAround = new Map<string, string>();
  const movedAlong = new Set<string>();
  for (const change of deltas.changed) {
    const result = ruleFor(change.from.kind).alter(change, ctx);
    if (result === 'replace') markReplaced(change, toDrop, toCreate);
    else if (Array.isArray(result)) alters.set(change.from.id, result);
    else {
      alters.set(change.from.id, result.actions);
      for (const id of result.through ?? []) movedAlong.add(id);
      const around = new Set([change.from.id, ...(result.through ?? [])].flatMap((x) => dependents.get(x) ?? []));
      for (const id of around) {
        const dependent = source.get(id)!;
        const wanted = target.get(id);
        if (wanted && !toDrop.has(id) && result.rebuild(dependent)) {
          markReplaced({ from: dependent, to: wanted, keys: [] }, toDrop, toCreate);
          recreated.add(id);
          rebuiltAround.set(id, change.from.id);
        }
      }
    }
  }
  // A dependent whose rule can let go of the dropped object in place and take it back (a column's
  // default) stays instead of being made anew; so does one a change moves along, which does so itself.
  const keepAround = (dependent: Fact, wanted: Fact, dependency: string): boolean => {
    if (movedAlong.has(dependent.id)) return true;
    const kept = ruleFor(dependent.kind).keepAround?.(dependent, wanted, dependency, ctx);
    if (kept) alters.set(dependent.id, [...(alters.get(dependent.id) ?? []), ...kept]);
    return kept !== undefined;
  };
  const sourceChildren = (id: string) => (childIndex.get(source)?.get(id) ?? []).map((f) => f.id);
  // A dependent lets go of a dropped object by itself when its own alter rewrites it, or when the
  // object is not dropped at all but taken away by another's alter (an attached partition's
  // columns become the parent's, and its indexes stay as they are).
  const takenByAlters = new Set([...alters.values()].flat().flatMap((a) => a.destroys));
  const letsGo = (dependent: string, dependency: string) => alters.has(dependent) || takenByAlters.has(dependency);
  // What a drop takes with it may have dependents of its own, and a dependent dropped may take more.
  const asked = new Set<string>();
  do {
    cascadeReplacements(source, dependents, sourceChildren, target, toDrop, toCreate, recreated, keepAround, letsGo);
  } while (takeAlong(toDrop, toCreate, recreated, asked, ctx));
  for (const id of toDrop.keys()) alters.delete(id);
  // An alter may bring objects into being or take them away (attaching a partition turns its own
  // columns into the parent's): those need no statement of their own.
  for (const a of [...alters.values()].flat()) {
    for (const id of a.creates) toCreate.delete(id);
    for (const id of a.destroys) toDrop.delete(id);
  }

  // A create may take over an object instead of leaving it to be dropped (a parent's new index
  // adopts a partition's index of its shape).
  const creates = createActions(toCreate, target, ctx);
  for (const a of creates.flat()) for (const id of a.destroys) toDrop.delete(id);
  const groups: Action[][] = [...dropActions(toDrop, ctx), ...creates, ...alters.values()];
  const actions: Action[] = [];
  const groupOf: number[] = [];
  groups.forEach((group, g) => {
    for (const a of group) {
      actions.push(withCascadeHazard(withGraphEdges(aroundChange(a, rebuiltAround), source, target), recreated, source));
      groupOf.push(g);
    }
  });
  const { ordered, cycles } = orderActions(actions, groupOf, kindRank);
  return { actions: ordered, cycles, warnings: [...new Set(warnings)], deltas, children: ctx.children };
}

function markReplaced(change: Change, toDrop: Map<string, Fact>, toCreate: Map<string, Fact>): void {
  toDrop.set(change.from.id, change.from);
  toCreate.set(change.to.id, change.to);
}

/**
 * Whatever still depends on a dropped object in the target must be dropped first and created again
 * after it, so a replaced table brings back its indexes and a replaced type its users. So must what
 * goes with it without depending on it: a sequence OWNED BY a column of a replaced table. So must a
 * dependent that stays as it is but now depends on something else under the same text (a policy
 * whose call resolves to a new overload of its function): nothing else lets go of the old
 * object, unless it lets go by itself.
 */
function cascadeReplacements(
  source: Catalog,
  dependents: Map<string, string[]>,
  children: (id: string) => string[],
  target: Catalog,
  toDrop: Map<string, Fact>,
  toCreate: Map<string, Fact>,
  recreated: Set<string>,
  keepAround: (dependent: Fact, wanted: Fact, dependency: string) => boolean,
  letsGo: (dependent: string, dependency: string) => boolean,
): void {
  const queue = [...toDrop.keys()];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const dependent of new Set([...(dependents.get(id) ?? []), ...children(id)])) {
      if (toDrop.has(dependent)) continue;
      const wanted = target.get(dependent);
      if (!wanted) continue;
      const stillNeeds = wanted.deps.includes(id) || wanted.parent === id;
      if (stillNeeds ? keepAround(source.get(dependent)!, wanted, id) : letsGo(dependent, id)) continue;
      toDrop.set(dependent, source.get(dependent)!);
      toCreate.set(dependent, wanted);
      recreated.add(dependent);
      queue.push(dependent);
    }
  }
}

/**
 * Objects that a drop takes with it besides its own (a partitioned table's index, the partitions'
 * keys attached to it, which neither can be dropped without the other) are dropped too, and made
 * again where the target keeps them. Each dropped object's rule is asked once (`asked`); whether
 * any was taken along.
 */
function takeAlong(
  toDrop: Map<string, Fact>,
  toCreate: Map<string, Fact>,
  recreated: Set<string>,
  asked: Set<string>,
  ctx: RuleContext,
): boolean {
  let took = false;
  const queue = [...toDrop.values()].filter((f) => !asked.has(f.id));
  while (queue.length > 0) {
    const fact = queue.pop()!;
    asked.add(fact.id);
    for (const id of ctx.ruleFor(fact.kind).drop(fact, ctx).flatMap((a) => a.destroys)) {
      const taken = ctx.source.get(id);
      if (!taken || toDrop.has(id)) continue;
      took = true;
      toDrop.set(id, taken);
      const wanted = ctx.target.get(id);
      if (wanted) {
        toCreate.set(id, wanted);
        recreated.add(id);
      }
      queue.push(taken);
    }
  }
  return took;
}

/**
 * One drop per topmost dropped object; children and owned objects go with their parent. Where two
 * dropped objects depend on each other through their children (tables whose foreign keys reference
 * each other, in a cycle of two or more), those children are dropped on their own first, which
 * breaks the cycle.
 */
function dropActions(toDrop: Map<string, Fact>, ctx: RuleContext): Action[][] {
  const parentTop = (fact: Fact): Fact => {
    let top = fact;
    while (top.parent && toDrop.has(top.parent)) top = toDrop.get(top.parent)!;
    return top;
  };
  const droppedDeps = (fact: Fact) => fact.deps.filter((d) => toDrop.has(d)).map((d) => parentTop(toDrop.get(d)!).id);
  const rootDeps = new Map<string, Set<string>>();
  for (const fact of toDrop.values()) {
    const top = parentTop(fact).id;
    const set = rootDeps.get(top) ?? new Set<string>();
    for (const other of droppedDeps(fact)) if (other !== top) set.add(other);
    rootDeps.set(top, set);
  }
  // Whether `from` leads back to `to` through the dropped objects' dependencies: a cycle of any
  // length (A → B → C → A), not only two tables that reference each other.
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(rootDeps.get(id) ?? []));
    }
    return false;
  };
  const standalone = (fact: Fact): boolean => {
    const top = parentTop(fact).id;
    return top !== fact.id && droppedDeps(fact).some((other) => other !== top && reaches(other, top));
  };
  const topmost = (fact: Fact): Fact => {
    let top = fact;
    while (top.parent && toDrop.has(top.parent) && !standalone(top)) top = toDrop.get(top.parent)!;
    return top;
  };
  const implied = new Map<string, string[]>();
  const roots: Fact[] = [];
  for (const fact of toDrop.values()) {
    const top = topmost(fact);
    if (top === fact) roots.push(fact);
    else implied.set(top.id, [...(implied.get(top.id) ?? []), fact.id]);
  }
  const groups = roots.map((fact) => ({ fact, actions: ctx.ruleFor(fact.kind).drop(fact, ctx) }));
  // An object another drop takes with it (takeAlong) needs no drop of its own.
  const takenBy = new Map<string, Action[]>();
  for (const { fact, actions } of groups) for (const a of actions) for (const id of a.destroys) if (id !== fact.id) takenBy.set(id, actions);
  const kept = groups.filter(({ fact }) => !takenBy.has(fact.id));
  for (const { fact } of groups) {
    // What goes with it goes with the drop that takes it.
    const taker = takenBy.get(fact.id);
    if (taker) taker[taker.length - 1]!.destroys.push(...(implied.get(fact.id) ?? []));
  }
  return kept.map(({ fact, actions }) => {
    const last = actions[actions.length - 1];
    if (last) last.destroys = [...new Set([...last.destroys, fact.id, ...(implied.get(fact.id) ?? [])])];
    return actions;
  });
}

/** Creates parents before children, letting an action that creates children claim them. */
function createActions(toCreate: Map<string, Fact>, target: Catalog, ctx: RuleContext): Action[][] {
  const depth = (fact: Fact): number => {
    let d = 0;
    for (let p = fact.parent; p; p = target.get(p)?.parent) d++;
    return d;
  };
  const facts = [...toCreate.values()].map((f, i) => ({ f, d: depth(f), i }));
  facts.sort((a, b) => a.d - b.d || a.i - b.i);
  const claimed = new Set<string>();
  const groups: Action[][] = [];
  for (const { f } of facts) {
    if (claimed.has(f.id)) continue;
    const group = ctx.ruleFor(f.kind).create(f, ctx);
    for (const a of group) for (const id of a.creates) claimed.add(id);
    claimed.add(f.id);
    groups.push(group);
  }
  return groups;
}

/** Derives an action's graph edges from the facts it touches, on top of what the rule declared. */
function withGraphEdges(a: Action, source: Catalog, target: Catalog): Action {
  const own = new Set([...a.creates, ...a.destroys]);
  const needs = new Set(a.needs);
  const releases = new Set(a.releases);
  for (const id of [...(a.placeholder ? [] : a.creates), ...a.alters]) for (const dep of target.get(id)?.deps ?? []) needs.add(dep);
  for (const id of [...(a.placeholder ? [] : a.destroys), ...a.alters]) for (const dep of source.get(id)?.deps ?? []) releases.add(dep);
  return {
    ...a,
    needs: [...needs].filter((id) => !own.has(id)),
    releases: [...releases].filter((id) => !own.has(id)),
  };
}

/** A dependent rebuilt around a change is dropped before it and created after it. */
function aroundChange(a: Action, rebuiltAround: Map<string, string>): Action {
  const before = a.destroys.flatMap((id) => rebuiltAround.get(id) ?? []);
  const after = a.creates.flatMap((id) => rebuiltAround.get(id) ?? []);
  if (before.length === 0 && after.length === 0) return a;
  return { ...a, releases: [...a.releases, ...before], needs: [...a.needs, ...after] };
}

/** A drop that only makes way for a change the object depends on says so to the reviewer. */
function withCascadeHazard(a: Action, recreated: Set<string>, source: Catalog): Action {
  const ids = a.destroys.filter((id) => recreated.has(id));
  if (ids.length === 0) return a;
  const message = `drops ${ids.map((id) => objectName(source.get(id)!)).join(', ')} to create it again around a change it depends on`;
  return { ...a, hazards: [...a.hazards, { kind: 'cascade-recreate', message }] };
}

/** Fact id → ids of the facts that depend on it. */
function indexDependents(catalog: Catalog): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  catalog.forEach((fact) => {
    for (const dep of fact.deps) {
      const list = dependents.get(dep);
      if (list) list.push(fact.id);
      else dependents.set(dep, [fact.id]);
    }
  });
  return dependents;
}

function indexChildren(catalog: Catalog): Map<string, Fact[]> {
  const index = new Map<string, Fact[]>();
  catalog.forEach((fact) => {
    if (!fact.parent) return;
    const list = index.get(fact.parent);
    if (list) list.push(fact);
    else index.set(fact.parent, [fact]);
  });
  return index;
}
