import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { policyQuery, type PolicyFact, type PolicyPayload } from './query.js';
import { alterPolicy, createPolicy, onTable, rowsLetThrough } from './rule.js';

/** Row level security policies: the command and PERMISSIVE or RESTRICTIVE cannot be altered. */
export const policy = defineKind<PolicyPayload, PolicyFact['name']>({
  id: 'policy',
  query: policyQuery,
  objectRef: (fact) => `POLICY ${onTable(fact)}`,
  create: createPolicy,
  drop: (fact) => [action('policy', { sql: `DROP POLICY ${onTable(fact)};`, hazards: rowsLetThrough(fact) })],
  attributes: {
    command: 'replace',
    permissive: 'replace',
    roles: alterPolicy,
    using: alterPolicy,
    check: alterPolicy,
  },
});
