import { connect, type Connection } from '../db/connect.js';
import type { Plan } from '../plan/plan-file.js';

/**
 * The record of applied plans, in the schema the catalog never reads, so it is not part of any
 * diff or fingerprint. A row appears with a plan's first step and is finished once production has
 * the target fingerprint.
 */
const LEDGER_DDL = `
CREATE SCHEMA IF NOT EXISTS schema_bot;
CREATE TABLE IF NOT EXISTS schema_bot.ledger (
  plan_id text PRIMARY KEY,
  file_sha256 text NOT NULL,
  base text NOT NULL,
  target text NOT NULL,
  source text NOT NULL,
  applied_by text NOT NULL,
  database_user text NOT NULL DEFAULT current_user,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text,
  steps_total integer NOT NULL,
  steps_done integer NOT NULL DEFAULT 0,
  -- a non-transactional step that started but was not recorded as done, and the fingerprint
  -- production had before it: a rerun tells from that whether it landed
  step_running integer,
  fingerprint_before_step text
)`;

export interface LedgerEntry {
  file_sha256: string;
  finished_at: Date | null;
  outcome: string | null;
  steps_done: number;
  step_running: number | null;
  fingerprint_before_step: string | null;
}

export async function ensureLedger(db: Connection): Promise<void> {
  await db.exec(LEDGER_DDL);
}

export async function readLedger(db: Connection, planId: string): Promise<LedgerEntry | undefined> {
  const { rows } = await db.query<LedgerEntry>(
    `SELECT file_sha256, finished_at, outcome, steps_done, step_running, fingerprint_before_step
     FROM schema_bot.ledger WHERE plan_id = $1`,
    [planId],
  );
  return rows[0];
}

/**
 * A database's ledger row of `planId`, read without writing: planning never creates the ledger,
 * and a database without one holds no plan.
 */
export async function ledgerEntry(databaseUrl: string, planId: string): Promise<LedgerEntry | undefined> {
  const db = await connect(databaseUrl);
  try {
    await db.exec('BEGIN TRANSACTION READ ONLY');
    const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_bot.ledger') IS NOT NULL AS present`);
    return rows[0]!.present ? await readLedger(db, planId) : undefined;
  } finally {
    // A transaction, not a session setting: a server that hands one session to every client keeps no trace.
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
}

/** Whether a database's ledger holds `planId`, applied or under way. */
export const ledgerHolds = async (databaseUrl: string, planId: string) => (await ledgerEntry(databaseUrl, planId)) !== undefined;

export interface Progress {
  stepsDone: number;
  stepRunning: number | null;
  fingerprintBefore: string | null;
}

/** Creates or advances the plan's row; inside a step's transaction it commits with the step. */
export async function recordProgress(db: Connection, plan: Plan, appliedBy: string, p: Progress): Promise<void> {
  await db.query(
    `INSERT INTO schema_bot.ledger AS l (plan_id, file_sha256, base, target, source, applied_by, steps_total,
                                         steps_done, step_running, fingerprint_before_step)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (plan_id) DO UPDATE
       SET steps_done = $8, step_running = $9, fingerprint_before_step = $10`,
    [plan.header.id, plan.sha256, plan.header.base, plan.header.target, plan.header.source, appliedBy,
      plan.steps.length, p.stepsDone, p.stepRunning, p.fingerprintBefore],
  );
}

export async function recordFinished(db: Connection, planId: string, outcome: string): Promise<void> {
  await db.query(`UPDATE schema_bot.ledger SET finished_at = now(), outcome = $2 WHERE plan_id = $1`, [planId, outcome]);
}
