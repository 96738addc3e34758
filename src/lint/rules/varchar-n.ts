import type { LintRule } from '../lint-rule.js';
import { columnsOfType } from './column-type.js';

export const varcharN: LintRule = {
  id: 'varchar-n',
  severity: 'off',
  why: 'raising a varchar limit later is a schema change, and the limit is rarely the business rule it looks like',
  fix: 'use text with a CHECK (length(col) <= n), which can be changed NOT VALID without locking the table',
  check: (catalog) => columnsOfType(catalog, (type) => /^character varying\(\d+\)$/.test(type), (column, type) => `${column} is ${type}`),
};
