/**
 * Why each hazard kind matters to a reviewer and what to do instead. `losesData` marks the kinds
 * that make a plan destructive: they need the configured approvals before apply.
 */
export interface HazardAdvice {
  why: string;
  saferAlternative: string;
  losesData: boolean;
}

const ADVICE: Record<string, HazardAdvice> = {
  'data-loss': {
    why: 'Rows or values are deleted and cannot be recovered without a backup.',
    saferAlternative: 'Stop using the object first, back up or copy the data, and drop it in a later change; for a rename, declare a rename instead.',
    losesData: true,
  },
  'table-rewrite': {
    why: 'PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock; reads and writes wait until it finishes.',
    saferAlternative: 'Add a new column, backfill it in batches, then switch over and drop the old one.',
    losesData: false,
  },
  'full-scan-under-lock': {
    why: 'Every row is checked while a lock blocks writes, for as long as the scan takes.',
    saferAlternative: 'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate step, which takes a weaker lock.',
    losesData: false,
  },
  'blocking-index': {
    why: 'CREATE INDEX without CONCURRENTLY blocks writes to the table while the index is built.',
    saferAlternative: 'Build the index with CREATE INDEX CONCURRENTLY (outside a transaction).',
    losesData: false,
  },
  'fk-lock': {
    why: 'Adding a foreign key locks both tables and scans the referencing one.',
    saferAlternative: 'Add the foreign key NOT VALID and validate it in a separate step.',
    losesData: false,
  },
  'constraint-index-lock': {
    why: 'Building the index behind a primary key or unique constraint blocks writes while it runs.',
    saferAlternative: 'Create a unique index CONCURRENTLY first, then add the constraint USING INDEX.',
    losesData: false,
  },
  'non-transactional': {
    why: 'The statement cannot run inside a transaction: if a later statement fails, it is not rolled back.',
    saferAlternative: 'Keep such statements in a change of their own, or make them idempotent so a rerun is safe.',
    losesData: false,
  },
  'data-dependent': {
    why: 'Whether the statement succeeds depends on the rows in production, which the plan did not see.',
    saferAlternative: 'Check or clean the data first (a backfill in pending.sql before the statement).',
    losesData: false,
  },
  'breaking-change': {
    why: 'Applications that rely on the old behaviour may start failing.',
    saferAlternative: 'Deploy application code that no longer needs the old behaviour before applying.',
    losesData: false,
  },
  'cascade-recreate': {
    why: 'Dependent objects are dropped and created again; they are briefly missing.',
    saferAlternative: 'Apply at a quiet time, or change the dependent objects in a separate step.',
    losesData: false,
  },
  'authz-change': {
    why: 'Who may read or change data changes.',
    saferAlternative: 'Have the owner of the data review the grant.',
    losesData: false,
  },
};

/** Every hazard kind a plan can carry, in the order reviewers read about them. */
export const HAZARD_KINDS = Object.keys(ADVICE);

const UNKNOWN: HazardAdvice = { why: 'Review this statement before applying it.', saferAlternative: '—', losesData: false };

export function adviceFor(kind: string): HazardAdvice {
  return ADVICE[kind] ?? UNKNOWN;
}
