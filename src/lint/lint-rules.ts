import type { LintRule } from './lint-rule.js';
import { charN } from './rules/char-n.js';
import { duplicateIndex } from './rules/duplicate-index.js';
import { fkWithoutIndex } from './rules/fk-without-index.js';
import { integerPrimaryKey } from './rules/integer-primary-key.js';
import { rowSecurityWithoutPolicies } from './rules/row-security-without-policies.js';
import { securityDefinerSearchPath } from './rules/security-definer-search-path.js';
import { tableWithoutPrimaryKey } from './rules/table-without-primary-key.js';
import { timestampWithoutTimeZone } from './rules/timestamp-without-time-zone.js';
import { varcharN } from './rules/varchar-n.js';

/** Every built-in rule, in the order README's table lists them. */
export const LINT_RULES: readonly LintRule[] = [
  securityDefinerSearchPath,
  rowSecurityWithoutPolicies,
  fkWithoutIndex,
  tableWithoutPrimaryKey,
  integerPrimaryKey,
  duplicateIndex,
  timestampWithoutTimeZone,
  charN,
  varcharN,
];
