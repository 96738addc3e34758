import type { Hazard, HazardKind } from '../diff/action.js';

/** Why a hazard kind matters to a reviewer, and what to do instead: one sentence each. */
export interface HazardAdvice {
  why: string;
  safer: string;
}

/**
 * The one table of advice: pending.sql's hazard comments, the merge request's hazard table and
 * README's reference all read it. In the order reviewers read about them.
 */
const ADVICE: Record<HazardKind, HazardAdvice> = {
  'data-loss': {
    why: 'Rows or values are deleted and cannot be recovered without a backup.',
    safer: 'Stop using the object first, copy or back up the data, and drop it in a later change; for a rename, declare a rename instead.',
  },
  'data-change': {
    why: 'Rows are inserted, updated or loaded; a rehearsal on an empty copy of the schema cannot show what that does to production.',
    safer: 'Run large backfills as a batch job before the schema change; keep those in the plan small, and have the approvers read them.',
  },
  unverifiable: {
    why: 'The statement runs code (a DO block, a procedure, a query, a function someone wrote) whose effect is known only when it runs.',
    safer: 'Keep schema changes declarative; run one-off code outside the plan, or have the approvers read it and what it calls.',
  },
  'table-rewrite': {
    why: 'PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock; reads and writes wait until it finishes.',
    safer: 'Add a new column, backfill it in batches, then switch the application over and drop the old one.',
  },
  'full-scan-under-lock': {
    why: 'Every row is checked while a lock blocks writes, for as long as the scan takes.',
    safer: 'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate step, which takes a weaker lock (schema-bot plan --online).',
  },
  'blocking-index': {
    why: 'CREATE or DROP INDEX without CONCURRENTLY blocks writes to the table while it runs.',
    safer: 'Build or drop the index CONCURRENTLY, outside a transaction (schema-bot plan --online).',
  },
  'fk-lock': {
    why: 'Adding a foreign key locks both tables and scans the referencing one.',
    safer: 'Add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a separate step (schema-bot plan --online).',
  },
  'constraint-index-lock': {
    why: 'Building the index behind a primary key or unique constraint blocks writes while it runs.',
    safer: 'Build a unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX (schema-bot plan --online).',
  },
  'non-transactional': {
    why: 'The statement cannot run inside a transaction: if a later statement fails, it is not rolled back.',
    safer: 'Nothing to change: apply runs it on its own, and after an interruption resumes or stops for a person to check, never running it twice.',
  },
  'data-dependent': {
    why: 'Whether the statement succeeds depends on the rows in production, which the rehearsal does not have.',
    safer: 'Check or fix the existing rows first, with a backfill in pending.sql above the statement; check asks production about the common cases.',
  },
  'breaking-change': {
    why: 'Applications that rely on the old behaviour may start failing.',
    safer: 'Release application code that no longer relies on it before applying.',
  },
  'cascade-recreate': {
    why: 'Dependent objects are dropped and created again; they are missing in between.',
    safer: 'Apply at a quiet time, or change the dependent objects in a separate step.',
  },
  'authz-change': {
    why: 'Who may read or change data changes.',
    safer: 'Have someone who owns access control review who gains or loses access.',
  },
};

/** Every hazard kind a plan can carry, in the order reviewers read about them. */
export const HAZARD_KINDS = Object.keys(ADVICE) as HazardKind[];

export function adviceFor(kind: HazardKind): HazardAdvice {
  return ADVICE[kind];
}

/** The advice as the second half of a sentence: `Build the index …` → `build the index …`, keeping `CREATE …`. */
const continuing = (sentence: string) => sentence.replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());

/** `-- hazard <kind>: <why>; safer: <alternative>`, the comment pending.sql puts above a statement. */
export function hazardComment(h: Hazard): string {
  return `-- hazard ${h.kind}: ${h.message}; safer: ${continuing(ADVICE[h.kind].safer)}`;
}
