import type { StatementRunner } from '../db/load-schema.js';
import type { PlanStep } from '../plan/plan-file.js';

/** A statement of the plan failed; the message quotes its first line so a reviewer finds it. */
export class StepError extends Error {
  /** The server's SQLSTATE, e.g. 55P03 when lock_timeout ran out. */
  readonly code: string | undefined;
  constructor(readonly statement: string, cause: unknown) {
    super(`${(cause as Error).message ?? String(cause)} (in: ${statement.trim().split('\n')[0]})`, { cause });
    this.code = (cause as { code?: string }).code;
  }
}

/**
 * Runs one step of a plan: a transaction block as one transaction (with `beforeCommit` inside it,
 * where apply writes its ledger row), a non-transactional statement alone. Statements go one at a
 * time, so a client that dies mid-block leaves an open transaction the server rolls back.
 */
export async function runStep(db: StatementRunner, step: PlanStep, beforeCommit: () => Promise<void> = async () => {}): Promise<void> {
  const run = async (sql: string) => {
    try {
      await db.exec(sql);
    } catch (error) {
      throw new StepError(sql, error);
    }
  };
  if (!step.transactional) {
    for (const sql of step.statements) await run(sql);
    return;
  }
  await db.exec('BEGIN');
  try {
    for (const sql of step.statements) await run(sql);
    await beforeCommit();
    await db.exec('COMMIT');
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
