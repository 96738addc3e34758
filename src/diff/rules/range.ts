import type { Fact } from '../../catalog/fact.js';
import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { Rule, RuleContext } from '../rule.js';
import { recreateParked } from './recreate-aside.js';

const typeName = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);

function createRange(fact: Fact): Action[] {
  const p = fact.payload;
  const options = [`SUBTYPE = ${p.subtype}`];
  if (p.opclass) options.push(`SUBTYPE_OPCLASS = ${p.opclass}`);
  if (p.collation) options.push(`COLLATION = ${p.collation}`);
  if (p.canonical) options.push(`CANONICAL = ${p.canonical}`);
  if (p.subtypeDiff) options.push(`SUBTYPE_DIFF = ${p.subtypeDiff}`);
  if (p.multirange) options.push(`MULTIRANGE_TYPE_NAME = ${qualify(...(p.multirange as string[]))}`);
  return [action('range', { sql: `CREATE TYPE ${typeName(fact)} AS RANGE (${options.join(', ')});`, creates: [fact.id] })];
}

/** A range type has nothing to change in place: it is made anew and its rows wait as text. */
function recreateRange(from: Fact, to: Fact, ctx: RuleContext): Action[] {
  const hazards = [{ kind: 'data-dependent' as const, message: `fails if a value of ${typeName(to)} does not fit its new definition` }];
  return recreateParked(from, to, createRange(to), ctx, hazards);
}

export const rangeRule: Rule = {
  kind: 'range',
  objectRef: (fact) => `TYPE ${typeName(fact)}`,
  create: createRange,
  drop: (fact) => [
    action('range', { sql: `DROP TYPE ${typeName(fact)};`, hazards: [{ kind: 'data-loss', message: `drops type ${typeName(fact)}` }] }),
  ],
  alter: ({ from, to }, ctx) => recreateRange(from, to, ctx),
};
