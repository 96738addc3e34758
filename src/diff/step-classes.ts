import type { Catalog, Fact } from '../catalog/fact.js';
import type { Action } from './action.js';

/** What a plan does to one object, in the words peers use for plan budgets. */
export type StepVerb = 'create' | 'drop' | 'alter' | 'replacement' | 'rename';

/** Kinds whose peer name is not the camelCase of ours. */
const PEER_KIND: Record<string, string> = { matview: 'materializedView' };

/** `event_trigger` → `eventTrigger`, `matview` → `materializedView`: the vocabulary of pg-delta's budgets. */
export function peerKind(kind: string): string {
  return PEER_KIND[kind] ?? kind.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase());
}

const kindOfId = (id: string) => id.slice(0, id.indexOf(':'));

/**
 * A fact named exactly as its parent is one of the parent's settings (a column's STORAGE, a
 * table's storage parameters or row level security), not an object of its own: adding, changing
 * or removing it alters the parent.
 */
function settingOf(fact: Fact | undefined, source: Catalog, target: Catalog): Fact | undefined {
  if (!fact?.parent) return undefined;
  const parent = target.get(fact.parent) ?? source.get(fact.parent);
  return parent && parent.name.join('\u0000') === fact.name.join('\u0000') ? parent : undefined;
}

/**
 * Classifies a plan's statements as `<verb>:<objectKind>`, one entry per object and what happens to
 * it, sorted: an object the plan destroys and creates again is a `replacement`, an object a rename
 * statement alters a `rename`, the other ids an action creates, destroys or alters are `create`,
 * `drop` and `alter`; children made or removed by their parent's statement count with it.
 * Everything comes from the actions' declared edges, never from their SQL.
 */
export function classifySteps(actions: Action[], source: Catalog, target: Catalog): string[] {
  const created = new Set(actions.flatMap((a) => a.creates));
  const destroyed = new Set(actions.flatMap((a) => a.destroys));
  const verbs = new Map<string, Set<StepVerb>>();
  const note = (id: string, verb: StepVerb) => {
    const fact = target.get(id) ?? source.get(id);
    const parent = settingOf(fact, source, target);
    if (parent) {
      // A setting of an object that is itself made or dropped here goes with it.
      if (created.has(parent.id) || destroyed.has(parent.id)) return;
      return note(parent.id, 'alter');
    }
    const set = verbs.get(id) ?? new Set<StepVerb>();
    set.add(verb);
    verbs.set(id, set);
  };
  const parentOf = (id: string) => (target.get(id) ?? source.get(id))?.parent;
  for (const a of actions) {
    // What a statement makes or removes along with its parent (CREATE TABLE's columns, DROP
    // TABLE's grants) is part of the parent's step.
    const own = (ids: string[]) => {
      const all = new Set(ids);
      return ids.filter((id) => !all.has(parentOf(id) ?? ''));
    };
    // An object that is gone and back is replaced, also where coming back needs no statement of its
    // own (a new relation's default grants).
    for (const id of own(a.creates)) note(id, destroyed.has(id) || source.has(id) ? 'replacement' : 'create');
    for (const id of own(a.destroys)) note(id, created.has(id) || target.has(id) ? 'replacement' : 'drop');
    for (const id of a.alters) note(id, a.renames?.includes(id) ? 'rename' : 'alter');
  }
  const classes = new Set<string>();
  for (const [id, set] of verbs) {
    const kind = peerKind((target.get(id) ?? source.get(id))?.kind ?? kindOfId(id));
    for (const verb of set) classes.add(`${verb}:${kind}`);
  }
  return [...classes].sort();
}
