import { quoteIdent } from '../../sql/quote.js';
import { defineKind } from '../kind.js';
import { tableQuery, type TableFact, type TablePayload } from './query.js';
import { changeInherits, createTable, dropTable, movePartition, setLogged, tableName } from './rule.js';

/**
 * Regular and partitioned tables: persistence, the parent a partition is attached to and the
 * parents of an inheritance child change in place; partitioning does not.
 */
export const table = defineKind<TablePayload, TableFact['name']>({
  id: 'table',
  query: tableQuery,
  objectRef: (fact) => `TABLE ${tableName(fact)}`,
  create: createTable,
  drop: dropTable,
  rename: (fact, to) => `ALTER TABLE ${tableName(fact)} RENAME TO ${quoteIdent(to)};`,
  attributes: {
    partitioned: 'replace',
    partitionKey: 'replace',
    unlogged: setLogged,
    partition: movePartition,
    inherits: changeInherits,
  },
});
