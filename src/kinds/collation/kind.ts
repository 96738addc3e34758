import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { collationQuery, type CollationFact, type CollationPayload } from './query.js';
import { collationName, createCollation, recreateCollation } from './rule.js';

/** Nothing of a collation changes in place: any change makes it anew aside, keeping its columns' rows. */
export const collation = defineKind<CollationPayload, CollationFact['name']>({
  id: 'collation',
  query: collationQuery,
  objectRef: (fact) => `COLLATION ${collationName(fact)}`,
  create: createCollation,
  drop: (fact) => [action('collation', { sql: `DROP COLLATION ${collationName(fact)};` })],
  attributes: {
    provider: recreateCollation,
    locale: recreateCollation,
    lcCollate: recreateCollation,
    lcCtype: recreateCollation,
    deterministic: recreateCollation,
    rules: recreateCollation,
  },
});
