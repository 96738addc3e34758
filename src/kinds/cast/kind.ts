import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { castQuery, type CastFact, type CastPayload } from './query.js';
import { castOf, createCast } from './rule.js';

/** Casts: PostgreSQL has no ALTER CAST, so a cast with another function, method or context is made again. */
export const cast = defineKind<CastPayload, CastFact['name']>({
  id: 'cast',
  query: castQuery,
  objectRef: (fact) => `CAST ${castOf(fact)}`,
  create: createCast,
  drop: (fact) => [action('cast', { sql: `DROP CAST ${castOf(fact)};` })],
  attributes: {
    function: 'replace',
    context: 'replace',
    method: 'replace',
  },
});
