import { quoteIdent } from '../../sql/quote.js';
import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { foreignTableQuery, type ForeignTableFact, type ForeignTablePayload } from './query.js';
import { alterForeignTableOptions, createForeignTable, nameOf } from './rule.js';

/**
 * A foreign table holds no rows here: a change to its columns, checks or server makes it again (its views
 * with it), and only its own options change in place.
 */
export const foreignTable = defineKind<ForeignTablePayload, ForeignTableFact['name']>({
  id: 'foreign_table',
  query: foreignTableQuery,
  objectRef: (fact) => `FOREIGN TABLE ${nameOf(fact)}`,
  rename: (fact, to) => `ALTER FOREIGN TABLE ${nameOf(fact)} RENAME TO ${quoteIdent(to)};`,
  create: createForeignTable,
  drop: (fact) => [action('foreign_table', { sql: `DROP FOREIGN TABLE ${nameOf(fact)};` })],
  attributes: {
    server: 'replace',
    columns: 'replace',
    checks: 'replace',
    options: alterForeignTableOptions,
  },
});
