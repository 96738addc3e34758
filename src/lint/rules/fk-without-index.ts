import type { Catalog, Fact } from '../../catalog/fact.js';
import { objectName } from '../../diff/object-name.js';
import { isConstraint } from '../../kinds/constraint/query.js';
import { isIndex } from '../../kinds/index/query.js';
import type { LintRule } from '../lint-rule.js';
import { columnList } from './column-list.js';

/** The leading columns of each index and key of each table: what a lookup by them can use. */
function indexedColumns(catalog: Catalog): Map<string, (string | undefined)[][]> {
  const byTable = new Map<string, (string | undefined)[][]>();
  const add = (table: string | undefined, columns: (string | undefined)[]) => {
    if (table) byTable.set(table, [...(byTable.get(table) ?? []), columns]);
  };
  for (const fact of catalog.values()) {
    // Only a whole btree index serves the equality lookups a foreign key's checks make; the
    // column list starts after the method, past a table name that may itself hold a parenthesis.
    const definition = isIndex(fact) ? fact.payload.definition : '';
    const method = definition.indexOf(' USING btree ');
    if (method >= 0 && !/\sWHERE\s/.test(definition)) add(fact.parent, columnList(definition.slice(method)));
    if (isConstraint(fact) && ['p', 'u', 'x'].includes(String(fact.info.type))) add(fact.parent, columnList(fact.payload.definition));
  }
  return byTable;
}

/** Whether an index's first columns are the key's, in any order: a lookup by the key can use it. */
const covers = (index: (string | undefined)[], key: string[]) => {
  const leading = new Set(index.slice(0, key.length));
  return key.every((column) => leading.has(column));
};

export const fkWithoutIndex: LintRule = {
  id: 'fk-without-index',
  severity: 'warning',
  why: 'deleting or updating a referenced row scans the referencing table under lock, and joins on the key scan it too',
  fix: 'create an index whose first columns are the foreign key\'s',
  check(catalog) {
    const indexed = indexedColumns(catalog);
    return [...catalog.values()].flatMap((fact: Fact) => {
      if (!isConstraint(fact) || fact.info.type !== 'f') return [];
      const key = columnList(fact.payload.definition).filter((c): c is string => c !== undefined);
      if ((indexed.get(fact.parent ?? '') ?? []).some((index) => covers(index, key))) return [];
      return [{ fact, message: `foreign key ${objectName(fact)} (${key.join(', ')}) has no index that starts with its columns` }];
    });
  },
};
