import { defineKind } from '../kind.js';
import { columnQuery, type ColumnFact, type ColumnInfo, type ColumnPayload } from './query.js';
import { addColumn, changeColumn, columnRef, dropColumn, keepColumnAround, renameColumn } from './rule.js';

/**
 * Columns a table declares itself. Everything about one changes in place, in the order PostgreSQL
 * accepts (see alterColumn); only a new generation expression, or a virtual column made plain,
 * replaces it.
 */
export const column = defineKind<ColumnPayload, ColumnFact['name'], ColumnInfo>({
  id: 'column',
  query: columnQuery,
  objectRef: (fact) => `COLUMN ${columnRef(fact)}`,
  create: addColumn,
  drop: dropColumn,
  rename: renameColumn,
  keepAround: keepColumnAround,
  attributes: {
    type: changeColumn,
    notNull: changeColumn,
    default: changeColumn,
    generated: changeColumn,
    virtual: changeColumn,
    identity: changeColumn,
    identityOptions: changeColumn,
    collation: changeColumn,
  },
});
