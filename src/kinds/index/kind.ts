import { quoteIdent } from '../../sql/quote.js';
import { defineKind } from '../kind.js';
import { indexQuery, type IndexFact, type IndexInfo, type IndexPayload } from './query.js';
import { createIndex, dropIndex, indexName } from './rule.js';

/** Indexes no constraint owns: nothing about one changes in place, a new definition is a new index. */
export const index = defineKind<IndexPayload, IndexFact['name'], IndexInfo>({
  id: 'index',
  query: indexQuery,
  objectRef: (fact) => `INDEX ${indexName(fact)}`,
  create: createIndex,
  drop: dropIndex,
  rename: (fact, to) => `ALTER INDEX ${indexName(fact)} RENAME TO ${quoteIdent(to)};`,
  attributes: {
    unique: 'replace',
    definition: 'replace',
  },
});
