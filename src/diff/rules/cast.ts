import type { Fact } from '../../catalog/fact.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';

/** `(source AS target)`: the types as format_type wrote them, already quoted and qualified. */
const castOf = (fact: Fact) => `(${fact.name[0]} AS ${fact.name[1]})`;

function createCast(fact: Fact) {
  const p = fact.payload;
  const how = p.method === 'function' ? `WITH FUNCTION ${p.function}` : p.method === 'inout' ? 'WITH INOUT' : 'WITHOUT FUNCTION';
  const context = p.context === 'explicit' ? '' : ` AS ${String(p.context).toUpperCase()}`;
  return [action('cast', { sql: `CREATE CAST ${castOf(fact)} ${how}${context};`, creates: [fact.id] })];
}

/** PostgreSQL has no ALTER CAST: a cast with another function, method or context is made again. */
export const castRule: Rule = {
  kind: 'cast',
  objectRef: (fact) => `CAST ${castOf(fact)}`,
  create: createCast,
  drop: (fact) => [action('cast', { sql: `DROP CAST ${castOf(fact)};` })],
  alter: () => 'replace',
};
