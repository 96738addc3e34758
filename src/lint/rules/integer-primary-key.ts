import { factId } from '../../catalog/fact-id.js';
import { objectName } from '../../diff/object-name.js';
import { isColumn } from '../../kinds/column/query.js';
import { isConstraint } from '../../kinds/constraint/query.js';
import type { LintRule } from '../lint-rule.js';
import { columnList } from './column-list.js';

const SMALL_INTEGERS = new Set(['integer', 'smallint']);

export const integerPrimaryKey: LintRule = {
  id: 'integer-primary-key',
  severity: 'warning',
  why: 'an integer key runs out at 2,147,483,647 rows, and widening it later rewrites the table and every table that references it',
  fix: 'use bigint (bigserial, or bigint GENERATED ALWAYS AS IDENTITY)',
  check(catalog) {
    return [...catalog.values()].flatMap((fact) => {
      if (!isConstraint(fact) || fact.info.type !== 'p') return [];
      const columns = columnList(fact.payload.definition);
      if (columns.length !== 1 || columns[0] === undefined) return [];
      const column = catalog.get(factId('column', fact.name[0], fact.name[1], columns[0]));
      if (!column || !isColumn(column) || !SMALL_INTEGERS.has(column.payload.type)) return [];
      return [{ fact, message: `primary key ${objectName(fact)} is on ${columns[0]}, of type ${column.payload.type}` }];
    });
  },
};
