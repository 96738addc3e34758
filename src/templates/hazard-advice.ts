/** Why each hazard kind matters to a reviewer and what to do instead. */
export interface HazardAdvice {
  why: string;
  saferAlternative: string;
}

const ADVICE: Record<string, HazardAdvice> = {
  'data-loss': {
    why: 'Rows or values are deleted and cannot be recovered without a backup.',
    saferAlternative: 'Stop using the object first, back up or copy the data, and drop it in a later change; for a rename, declare a rename instead.',
  },
  'data-change': {
    why: 'Rows are inserted, updated or loaded; a rehearsal on an empty copy of the schema cannot show what that does to production.',
    saferAlternative: 'Run large backfills as a batch job before the schema change; keep the ones in the plan small and read them closely.',
  },
  unverifiable: {
    why: 'The statement runs code (a DO block, a procedure, a query, a function someone wrote) whose effect is known only when it runs.',
    saferAlternative: 'Keep schema changes declarative; run one-off code outside the plan, or have the approvers read it and what it calls.',
  },
  'table-rewrite': {
    why: 'PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock; reads and writes wait until it finishes.',
    saferAlternative: 'Add a new column, backfill it in batches, then switch over and drop the old one.',
  },
  'full-scan-under-lock': {
    why: 'Every row is checked while a lock blocks writes, for as long as the scan takes.',
    saferAlternative: 'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate step, which takes a weaker lock.',
  },
  'blocking-index': {
    why: 'CREATE INDEX without CONCURRENTLY blocks writes to the table while the index is built.',
    saferAlternative: 'Build the index with CREATE INDEX CONCURRENTLY (outside a transaction).',
  },
  'fk-lock': {
    why: 'Adding a foreign key locks both tables and scans the referencing one.',
    saferAlternative: 'Add the foreign key NOT VALID and validate it in a separate step.',
  },
  'constraint-index-lock': {
    why: 'Building the index behind a primary key or unique constraint blocks writes while it runs.',
    saferAlternative: 'Create a unique index CONCURRENTLY first, then add the constraint USING INDEX.',
  },
  'non-transactional': {
    why: 'The statement cannot run inside a transaction: if a later statement fails, it is not rolled back.',
    saferAlternative: 'Keep such statements in a change of their own, or make them idempotent so a rerun is safe.',
  },
  'data-dependent': {
    why: 'Whether the statement succeeds depends on the rows in production, which the plan did not see.',
    saferAlternative: 'Check or clean the data first (a backfill in pending.sql before the statement).',
  },
  'breaking-change': {
    why: 'Applications that rely on the old behaviour may start failing.',
    saferAlternative: 'Deploy application code that no longer needs the old behaviour before applying.',
  },
  'cascade-recreate': {
    why: 'Dependent objects are dropped and created again; they are briefly missing.',
    saferAlternative: 'Apply at a quiet time, or change the dependent objects in a separate step.',
  },
  'authz-change': {
    why: 'Who may read or change data changes.',
    saferAlternative: 'Have the owner of the data review the grant.',
  },
};

/** Every hazard kind a plan can carry, in the order reviewers read about them. */
export const HAZARD_KINDS = Object.keys(ADVICE);

const UNKNOWN: HazardAdvice = { why: 'Review this statement before applying it.', saferAlternative: '—' };

export function adviceFor(kind: string): HazardAdvice {
  return ADVICE[kind] ?? UNKNOWN;
}
