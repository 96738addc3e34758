import type { Fact, Payload } from '../catalog/fact.js';
import type { KindQuery } from '../catalog/kind-query.js';
import type { Action } from '../diff/action.js';
import type { Change } from '../diff/delta.js';
import type { AlterResult, Rule, RuleContext } from '../diff/rule.js';

/**
 * How a change of one payload attribute reaches the database: `replace` drops the object and
 * creates it again (with everything that depends on it); a function writes the statements that
 * change it in place. One function may serve several attributes (one ALTER POLICY sets roles,
 * USING and WITH CHECK at once): it is called once per change, whichever of them changed.
 */
export type AttributeChange<P extends Payload, N extends readonly string[], I extends Payload = Payload> =
  | 'replace'
  | ((change: Change<P, N, I>, ctx: RuleContext) => AlterResult);

/**
 * Everything schema-bot knows about one object kind, in the kind's own types: how its facts are
 * read (`query`, absent when a sibling kind's query reads them, as a procedure's are read with
 * functions), how the SQL that creates, drops and renames them is written, and, per payload
 * attribute, how a change of it is made. An attribute left out of `attributes` is made by
 * replacing the object: forgetting one costs a needless drop and create, never a statement
 * that changes nothing.
 */
export interface KindDefinition<P extends Payload, N extends readonly string[] = string[], I extends Payload = Payload> {
  /**
   * Lowercase words joined by underscores (`domain_constraint`). Every fact id of the kind starts
   * with it, so it is part of every fingerprint: renaming a kind changes the fingerprint of every
   * database that has one, and plans made before no longer match production.
   */
  id: string;
  query?: KindQuery;
  attributes: { [K in keyof P]?: AttributeChange<P, N, I> };
  objectRef(fact: Fact<P, N, I>): string;
  create(fact: Fact<P, N, I>, ctx: RuleContext): Action[];
  drop(fact: Fact<P, N, I>, ctx: RuleContext): Action[];
  rename?(fact: Fact<P, N, I>, to: string): string;
  members?(fact: Fact<P, N, I>): string[];
  renameMember?(fact: Fact<P, N, I>, from: string, to: string): string;
  keepAround?(dependent: Fact<P, N, I>, wanted: Fact<P, N, I>, dependency: string, ctx: RuleContext): Action[] | undefined;
}

/** A kind as the engine holds it: its query and the rule the planner asks, knowing no kind. */
export interface Kind {
  id: string;
  query?: KindQuery;
  rule: Rule;
}

/**
 * The alter a rule's attribute table describes. Each distinct way of changing is called once,
 * in the order of the first changed attribute that names it; any attribute that says `replace`,
 * or that the table does not name, replaces the whole object.
 */
function alterByAttributes<P extends Payload, N extends readonly string[], I extends Payload>(
  attributes: KindDefinition<P, N, I>['attributes'],
): (change: Change<P, N, I>, ctx: RuleContext) => AlterResult {
  return (change, ctx) => {
    const steps: Exclude<AttributeChange<P, N, I>, 'replace'>[] = [];
    for (const key of change.keys) {
      const how = attributes[key];
      if (how === undefined || how === 'replace') return 'replace';
      if (!steps.includes(how)) steps.push(how);
    }
    const results = steps.map((step) => step(change, ctx));
    if (results.includes('replace')) return 'replace';
    return combine(results as Exclude<AlterResult, 'replace'>[]);
  };
}

/** Several in-place changes as one: their statements in order, rebuilding what any of them must. */
function combine(results: Exclude<AlterResult, 'replace'>[]): AlterResult {
  if (results.length === 1) return results[0]!;
  if (results.every((r) => Array.isArray(r))) return results.flat();
  const asObjects = results.map((r) => (Array.isArray(r) ? { actions: r, rebuild: () => false } : r));
  const through = asObjects.flatMap((r) => r.through ?? []);
  return {
    actions: asObjects.flatMap((r) => r.actions),
    rebuild: (dependent: Fact) => asObjects.some((r) => r.rebuild(dependent)),
    ...(through.length > 0 ? { through } : {}),
  };
}

/**
 * The engine's view of a kind. The planner hands every rule facts of the rule's own kind, so the
 * payload, name and info types a definition declares hold for the facts it gets: this is the one
 * place that says so to the compiler.
 */
export function defineKind<P extends Payload, N extends readonly string[] = string[], I extends Payload = Payload>(
  definition: KindDefinition<P, N, I>,
): Kind {
  const { id, query, attributes, ...writing } = definition;
  const rule = { ...writing, kind: id, alter: alterByAttributes(attributes) } as unknown as Rule;
  return query ? { id, query, rule } : { id, rule };
}
