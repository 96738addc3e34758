import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { domainConstraintQuery, type DomainConstraintFact, type DomainConstraintPayload } from './query.js';
import { addConstraint, constraintName, domainOf, validateConstraint } from './rule.js';

/** CHECK constraints of domains: only validating one changes it in place. */
export const domainConstraint = defineKind<DomainConstraintPayload, DomainConstraintFact['name']>({
  id: 'domain_constraint',
  query: domainConstraintQuery,
  objectRef: (fact) => `CONSTRAINT ${constraintName(fact)} ON DOMAIN ${domainOf(fact)}`,
  create: addConstraint,
  drop: (fact) => [action('domain_constraint', { sql: `ALTER DOMAIN ${domainOf(fact)} DROP CONSTRAINT ${constraintName(fact)};` })],
  attributes: {
    check: 'replace',
    validated: validateConstraint,
  },
});
