import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { recreateParked } from '../common/recreate-aside.js';
import type { TypeName } from '../common/type-fact.js';
import { typeName } from '../common/type-rule.js';
import type { RangeFact, RangePayload } from './query.js';

export function createRange(fact: RangeFact): Action[] {
  const p = fact.payload;
  const options = [`SUBTYPE = ${p.subtype}`];
  if (p.opclass) options.push(`SUBTYPE_OPCLASS = ${p.opclass}`);
  if (p.collation) options.push(`COLLATION = ${p.collation}`);
  if (p.canonical) options.push(`CANONICAL = ${p.canonical}`);
  if (p.subtypeDiff) options.push(`SUBTYPE_DIFF = ${p.subtypeDiff}`);
  if (p.multirange) options.push(`MULTIRANGE_TYPE_NAME = ${qualify(...p.multirange)}`);
  return [action('range', { sql: `CREATE TYPE ${typeName(fact)} AS RANGE (${options.join(', ')});`, creates: [fact.id] })];
}

/** A range type has nothing to change in place: it is made anew and its rows wait as text. */
export function recreateRange({ from, to }: Change<RangePayload, TypeName>, ctx: RuleContext): Action[] {
  const hazards = [{ kind: 'data-dependent' as const, message: `fails if a value of ${typeName(to)} does not fit its new definition` }];
  return recreateParked(from, to, createRange(to), ctx, hazards);
}
