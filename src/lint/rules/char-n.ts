import type { LintRule } from '../lint-rule.js';
import { columnsOfType } from './column-type.js';

export const charN: LintRule = {
  id: 'char-n',
  severity: 'warning',
  why: 'char(n) pads with spaces that comparisons and lengths then ignore or count unpredictably, and is no faster than text',
  fix: 'use text, with a CHECK on length where the length is a rule',
  check: (catalog) => columnsOfType(catalog, (type) => /^character(\(\d+\))?$/.test(type), (column, type) => `${column} is ${type}`),
};
