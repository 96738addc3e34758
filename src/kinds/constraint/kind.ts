import { quoteIdent } from '../../sql/quote.js';
import { defineKind } from '../kind.js';
import { constraintQuery, type ConstraintFact, type ConstraintInfo, type ConstraintPayload } from './query.js';
import { alterFlags, createConstraint, dropConstraint, nameOf, tableOf } from './rule.js';

/**
 * Table constraints: validation and a foreign key's deferrability change in place; a new
 * definition, referenced key or storage is a new constraint.
 */
export const constraint = defineKind<ConstraintPayload, ConstraintFact['name'], ConstraintInfo>({
  id: 'constraint',
  query: constraintQuery,
  objectRef: (fact) => `CONSTRAINT ${nameOf(fact)} ON ${tableOf(fact)}`,
  create: createConstraint,
  drop: dropConstraint,
  rename: (fact, to) => `ALTER TABLE ${tableOf(fact)} RENAME CONSTRAINT ${nameOf(fact)} TO ${quoteIdent(to)};`,
  attributes: {
    definition: 'replace',
    key: 'replace',
    storage: 'replace',
    validated: alterFlags,
    deferrable: alterFlags,
    deferred: alterFlags,
  },
});
