import { setTimeout as sleep } from 'node:timers/promises';
import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../catalog/extract.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { connect, type Connection } from '../db/connect.js';
import type { GateClass } from './classify-statement.js';
import { quoteLiteral } from '../sql/quote.js';
import { driftFrom, expectPlannedDatabase, LockBusyError, NotConvergingError } from './errors.js';
import { planGate, type Gate } from './gate.js';
import { ensureLedger, readLedger, recordFinished, recordProgress } from './ledger.js';
import type { Plan, PlanStep } from './plan-file.js';
import { dropLeftoverIndex } from './leftover-index.js';
import { rehearse } from './rehearse.js';
import { runStep, StepError } from './run-step.js';

/** One key for every schema-bot apply on a database, so two appliers never overlap. */
const APPLY_LOCK_KEY = '7526402127035392561';

const LOCK_NOT_AVAILABLE = '55P03';

export interface ApplyOptions {
  databaseUrl: string;
  plan: Plan;
  /** The classes of statement that need an approval (the `gated` setting). */
  gated: readonly GateClass[];
  /**
   * Asked, before anything runs, when the plan has statements of gated classes: throws
   * HazardRefusedError unless they are approved (`run`: the merge request's approvals; `apply`:
   * --allow-hazards).
   */
  authorize(gate: Gate): Promise<void>;
  /** A PostgreSQL interval for every statement's lock wait, e.g. `5s`. */
  lockTimeout: string;
  /** A PostgreSQL interval, or `0` for none. */
  statementTimeout: string;
  /** How often a statement that ran out of lock_timeout is tried again. */
  lockRetries: number;
  /** The first pause before a retry; each next one doubles. */
  backoffMs: number;
  /** Who applies, for the ledger. */
  appliedBy: string;
  /** A server for the shadow in which the plan is rehearsed first; PGlite when absent. */
  shadowUrl?: string;
  /** Words production's difference from where the plan expects it, as SQL. */
  explainDrift(production: Catalog): Promise<string>;
  log(message: string): void;
}

export type ApplyOutcome = 'applied' | 'already applied' | 'already at target';

/**
 * Applies a plan exactly once: under a session advisory lock, only from the base fingerprint (or
 * resuming what the ledger says it started), each transaction block together with its ledger
 * update, each non-transactional statement on its own and recorded, then production must have the
 * target fingerprint.
 */
export async function applyPlan(o: ApplyOptions): Promise<ApplyOutcome> {
  const db = await connect(o.databaseUrl);
  try {
    await checkDatabase(db, o.plan);
    const pid = await takeApplyLock(db, o.log);
    await expectSameSession(db, pid);
    await db.exec(`SET lock_timeout = ${quoteLiteral(o.lockTimeout)}; SET statement_timeout = ${quoteLiteral(o.statementTimeout)}`);
    // A killed client's backend notices sooner and gives up its locks (PostgreSQL 14+).
    await db.exec(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
    await ensureLedger(db);
    const outcome = await applyUnderLock(db, o, pid);
    await db.query('SELECT pg_advisory_unlock($1)', [APPLY_LOCK_KEY]);
    return outcome;
  } finally {
    await db.close();
  }
}

async function applyUnderLock(db: Connection, o: ApplyOptions, pid: number): Promise<ApplyOutcome> {
  const { plan } = o;
  const entry = await readLedger(db, plan.header.id);
  if (entry?.finished_at) {
    // A plan is its id and its content: another file under an applied id was never applied.
    if (entry.file_sha256 !== plan.sha256) throw new Error(`${plan.header.id} was applied from a file with other content; a plan id is never reused: plan again`);
    return 'already applied';
  }
  if (entry && entry.file_sha256 !== plan.sha256) {
    throw new Error(`${plan.header.id} was partly applied from a file with other content; restore that file to resume`);
  }
  const production = await extractCatalog(db);
  const gate = planGate(plan.statements, production, o.gated);
  if (gate.needsApproval) await o.authorize(gate);
  const now = fingerprint(production);
  if (!entry) {
    if (now === plan.header.target) {
      await recordProgress(db, plan, o.appliedBy, { stepsDone: plan.steps.length, stepRunning: null, fingerprintBefore: null });
      await recordFinished(db, plan.header.id, 'already at target');
      return 'already at target';
    }
    if (now !== plan.header.base) throw driftFrom(plan.header.id, plan.header.base, now, await o.explainDrift(production));
    const rehearsed = fingerprint(await rehearse(production, plan, o.shadowUrl, o.log));
    if (rehearsed !== plan.header.target) {
      throw new NotConvergingError(
        `${plan.header.id} does not reach its target when rehearsed on production's schema (${rehearsed}); nothing applied (schema-bot check shows what differs)`,
        '',
      );
    }
  } else {
    o.log(`resuming ${plan.header.id} after step ${entry.steps_done} of ${plan.steps.length}`);
  }

  for (let i = entry?.steps_done ?? 0; i < plan.steps.length; i++) {
    const step = plan.steps[i]!;
    const done = { stepsDone: i + 1, stepRunning: null, fingerprintBefore: null };
    if (step.transactional) {
      await withLockRetries(o, step, () => runStep(db, step, () => recordProgress(db, plan, o.appliedBy, done)));
    } else {
      const interrupted = entry?.step_running === i;
      const dropLeftovers = async () => {
        for (const sql of step.statements) await dropLeftoverIndex(db, sql, o.log);
      };
      if (interrupted) await dropLeftovers();
      const before = fingerprint(await extractCatalog(db));
      if (interrupted && before !== entry.fingerprint_before_step) {
        o.log(`step ${i + 1} had landed before the interruption; not running it again`);
      } else {
        await recordProgress(db, plan, o.appliedBy, { stepsDone: i, stepRunning: i, fingerprintBefore: before });
        await withLockRetries(o, step, () => runStep(db, step), dropLeftovers);
      }
      await recordProgress(db, plan, o.appliedBy, done);
    }
    await expectSameSession(db, pid);
    o.log(`step ${i + 1}/${plan.steps.length} done (${describe(step)})`);
  }

  const reached = fingerprint(await extractCatalog(db));
  if (reached !== plan.header.target) {
    throw new NotConvergingError(
      `${plan.header.id} ran but production has ${reached}, not the target ${plan.header.target}; run schema-bot diff to see what differs`,
      '',
    );
  }
  await recordFinished(db, plan.header.id, 'applied');
  return 'applied';
}

function describe(step: PlanStep): string {
  return step.transactional ? `transaction of ${step.statements.length} statement(s)` : 'non-transactional statement';
}

/**
 * Runs a step again when lock_timeout ran out, pausing longer each time, up to the retry limit;
 * `beforeRetry` clears what a bare statement left behind.
 */
async function withLockRetries(o: ApplyOptions, step: PlanStep, run: () => Promise<void>, beforeRetry = async () => {}): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof StepError) || error.code !== LOCK_NOT_AVAILABLE) throw error;
      if (attempt >= o.lockRetries) {
        throw new LockBusyError(`${error.message}: still locked after ${attempt + 1} attempt(s) with lock_timeout ${o.lockTimeout}; ${step.transactional ? 'the step was rolled back' : 'the next apply resumes the step'}`);
      }
      const pause = o.backoffMs * 2 ** attempt;
      o.log(`lock_timeout (${o.lockTimeout}) ran out; retrying in ${pause} ms (${attempt + 1}/${o.lockRetries})`);
      await sleep(pause);
      await beforeRetry();
    }
  }
}

async function checkDatabase(db: Connection, plan: Plan): Promise<void> {
  const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
  expectPlannedDatabase(plan.header.id, plan.header.database, rows[0]!.d);
}

/**
 * Waits for any other applier; a second one then finds the plan in the ledger. Returns the server
 * session that holds the lock: every later statement must run in that same session.
 */
async function takeApplyLock(db: Connection, log: (message: string) => void): Promise<number> {
  const tried = await db.query<{ ok: boolean; pid: number }>('SELECT pg_try_advisory_lock($1) AS ok, pg_backend_pid() AS pid', [APPLY_LOCK_KEY]);
  if (tried.rows[0]!.ok) return tried.rows[0]!.pid;
  log('another schema-bot apply holds the lock on this database; waiting for it');
  const { rows } = await db.query<{ pid: number }>('SELECT pg_advisory_lock($1), pg_backend_pid() AS pid', [APPLY_LOCK_KEY]);
  return rows[0]!.pid;
}

/**
 * A transaction-pooling proxy (PgBouncer in transaction mode, …) hands each transaction to
 * whichever server session is free: session locks and settings then protect nothing.
 */
async function expectSameSession(db: Connection, pid: number): Promise<void> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const now = rows[0]!.pid;
  if (now !== pid) {
    throw new Error(
      `the connection goes through a transaction-pooling proxy (server session ${pid} became ${now}); ` +
        'apply needs one session for its advisory lock: connect directly or through a session-mode pool',
    );
  }
}
