import { action, type Action } from '../../diff/action.js';
import type { CastFact } from './query.js';

/** `(source AS target)`: the types as format_type wrote them, already quoted and qualified. */
export const castOf = (fact: CastFact) => `(${fact.name[0]} AS ${fact.name[1]})`;

export function createCast(fact: CastFact): Action[] {
  const p = fact.payload;
  const how = p.method === 'function' ? `WITH FUNCTION ${p.function}` : p.method === 'inout' ? 'WITH INOUT' : 'WITHOUT FUNCTION';
  const context = p.context === 'explicit' ? '' : ` AS ${p.context.toUpperCase()}`;
  return [action('cast', { sql: `CREATE CAST ${castOf(fact)} ${how}${context};`, creates: [fact.id] })];
}
