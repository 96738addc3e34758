import type { LintRule } from '../lint-rule.js';
import { columnsOfType } from './column-type.js';

export const timestampWithoutTimeZone: LintRule = {
  id: 'timestamp-without-time-zone',
  severity: 'warning',
  why: 'a timestamp without time zone means whatever zone each writer assumed; comparisons across sessions and daylight-saving changes go wrong',
  fix: 'use timestamptz (timestamp with time zone), which stores an instant',
  check: (catalog) =>
    columnsOfType(catalog, (type) => /^timestamp(\(\d+\))? without time zone$/.test(type), (column, type) => `${column} is ${type}`),
};
