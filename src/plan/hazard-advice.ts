import type { Hazard, HazardKind } from '../diff/action.js';

/** What a reviewer can do instead, per hazard kind: the second half of every hazard comment. */
const SAFER: Record<HazardKind, string> = {
  'data-loss': 'copy the data first, or keep the object and stop using it before dropping it in a later plan',
  'data-change': 'do large backfills as a batch job before the change; the approvers should read this statement',
  unverifiable: 'keep schema changes declarative; if this must run, the approvers should read it and what it calls',
  'table-rewrite': 'add a new column, backfill it in batches, then switch the application over',
  'full-scan-under-lock': 'add the check NOT VALID, VALIDATE it separately (schema-bot plan --online)',
  'blocking-index': 'CREATE/DROP INDEX CONCURRENTLY (schema-bot plan --online)',
  'fk-lock': 'add the foreign key NOT VALID, then VALIDATE CONSTRAINT (schema-bot plan --online)',
  'constraint-index-lock': 'build a unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX (schema-bot plan --online)',
  'non-transactional': 'nothing to change: apply runs it alone and resumes after it if interrupted',
  'data-dependent': 'check or fix the existing rows first, e.g. with an UPDATE added above this statement',
  'breaking-change': 'release application code that no longer relies on it before applying',
  'cascade-recreate': 'apply in a quiet period: the dependents are missing between their drop and re-creation',
  'authz-change': 'have someone who owns access control review who gains or loses access',
};

/** `-- hazard <kind>: <why>; safer: <alternative>`, the comment pending.sql puts above a statement. */
export function hazardComment(h: Hazard): string {
  return `-- hazard ${h.kind}: ${h.message}; safer: ${SAFER[h.kind]}`;
}
