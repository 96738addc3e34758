import type { Catalog, Fact } from '../../catalog/fact.js';
import { canonicalJson } from '../../catalog/fingerprint.js';
import type { RuleContext } from '../../diff/rule.js';

const ROUTINES = new Set(['function', 'procedure', 'aggregate']);
const QUERIES = new Set(['view', 'matview']);

/**
 * Whether running the query of a view or materialized view calls a routine, directly or through
 * the views it reads. Such a routine may have a string body, and what that body calls pg_depend
 * never records.
 */
export function callsRoutines(fact: Fact, target: Catalog, seen = new Set<string>()): boolean {
  for (const id of fact.deps) {
    if (seen.has(id)) continue;
    seen.add(id);
    const dep = target.get(id);
    if (!dep) continue;
    if (ROUTINES.has(dep.kind)) return true;
    if (QUERIES.has(dep.kind) && callsRoutines(dep, target, seen)) return true;
  }
  return false;
}

const newOrChangedCache = new WeakMap<Catalog, string[]>();
const dependentsCache = new WeakMap<Catalog, Map<string, string[]>>();

/** Ids of the target's facts that the source lacks or has otherwise: what a migration makes or changes. */
function newOrChanged(ctx: RuleContext): string[] {
  let ids = newOrChangedCache.get(ctx.target);
  if (!ids) {
    ids = [];
    for (const fact of ctx.target.values()) {
      const before = ctx.source.get(fact.id);
      if (!before || canonicalJson(before.payload) !== canonicalJson(fact.payload)) ids.push(fact.id);
    }
    newOrChangedCache.set(ctx.target, ids);
  }
  return ids;
}

/** The target's facts that need `id`, directly or through others, and those inside them. */
function dependentsOf(id: string, target: Catalog): Set<string> {
  let index = dependentsCache.get(target);
  if (!index) {
    index = new Map();
    for (const fact of target.values()) {
      for (const dep of [...fact.deps, ...(fact.parent ? [fact.parent] : [])]) index.set(dep, [...(index.get(dep) ?? []), fact.id]);
    }
    dependentsCache.set(target, index);
  }
  const out = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    for (const next of index.get(queue.pop()!) ?? []) {
      if (out.has(next)) continue;
      out.add(next);
      queue.push(next);
    }
  }
  return out;
}

/**
 * What a statement that runs `fact`'s query (creating a materialized view with its rows) must wait
 * for when that query calls routines: everything else the migration makes or changes, except what
 * needs the fact itself. A routine's string body may call another routine or read a table made
 * later in the script, and nothing in the catalog says so; pg-delta calls these statements
 * evaluators and runs them after every definition.
 */
export function evaluationNeeds(fact: Fact, ctx: RuleContext): string[] {
  if (!callsRoutines(fact, ctx.target)) return [];
  const own = dependentsOf(fact.id, ctx.target);
  return newOrChanged(ctx).filter((id) => !own.has(id));
}
