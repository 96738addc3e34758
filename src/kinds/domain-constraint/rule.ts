import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult } from '../../diff/rule.js';
import type { DomainConstraintFact, DomainConstraintPayload } from './query.js';

export const domainOf = (fact: DomainConstraintFact) => qualify(fact.name[0], fact.name[1]);
export const constraintName = (fact: DomainConstraintFact) => quoteIdent(fact.name[2]);

/** `CONSTRAINT name CHECK (…)`, as CREATE DOMAIN and ADD CONSTRAINT both write it. */
export function domainConstraintClause(fact: DomainConstraintFact): string {
  return `CONSTRAINT ${constraintName(fact)} ${fact.payload.check}`;
}

const breaks = (fact: DomainConstraintFact): Hazard => ({
  kind: 'data-dependent',
  message: `fails if a value of domain ${domainOf(fact)} breaks ${constraintName(fact)}`,
});

export function addConstraint(fact: DomainConstraintFact): Action[] {
  const valid = fact.payload.validated;
  return [
    action('domain_constraint', {
      sql: `ALTER DOMAIN ${domainOf(fact)} ADD ${domainConstraintClause(fact)}${valid ? '' : ' NOT VALID'};`,
      creates: [fact.id],
      hazards: valid
        ? [{ kind: 'full-scan-under-lock', message: `checks every column of domain ${domainOf(fact)} against ${constraintName(fact)}` }, breaks(fact)]
        : [],
    }),
  ];
}

/** A NOT VALID constraint becomes valid in place; one that stops being valid is made anew NOT VALID. */
export function validateConstraint({ from, to }: Change<DomainConstraintPayload, DomainConstraintFact['name']>): AlterResult {
  if (!to.payload.validated || from.payload.validated) return 'replace';
  return [
    action('domain_constraint', {
      sql: `ALTER DOMAIN ${domainOf(to)} VALIDATE CONSTRAINT ${constraintName(to)};`,
      alters: [to.id],
      hazards: [breaks(to)],
    }),
  ];
}
