import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../engine/read-catalog.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { connect, type Connection } from '../db/connect.js';
import type { GateClass } from '../plan/classify-statement.js';
import { quoteLiteral } from '../sql/quote.js';
import { boundedRead } from '../engine/bounded-read.js';
import { driftFrom, expectPlannedDatabase, NotConvergingError } from '../engine/errors.js';
import { planGate, type Gate } from '../plan/gate.js';
import { concurrentIndexBuild } from './index-build.js';
import { watchingIndexBuild } from './index-build-progress.js';
import { ensureLedger, readLedger, recordFinished, recordProgress } from './ledger.js';
import type { Plan, PlanStep } from '../plan/plan-file.js';
import { dropLeftoverIndex } from './leftover-index.js';
import { withLockRetries, type LockWaits } from '../engine/lock-retries.js';
import { rehearse } from './rehearse.js';
import { runStep } from './run-step.js';
import { expectResumable, failedStep, interruptedStep } from './started-step.js';

/** One key for every schema-bot apply on a database, so two appliers never overlap. */
const APPLY_LOCK_KEY = '7526402127035392561';

/** `lockTimeout` bounds every statement's and catalog read's lock wait, except index builds'. */
export interface ApplyOptions extends LockWaits {
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
  /** A PostgreSQL interval, or `0` for none. */
  statementTimeout: string;
  /**
   * lock_timeout of a CREATE INDEX CONCURRENTLY, which waits for every older transaction and
   * starts from scratch when cancelled.
   */
  indexWaitTimeout: string;
  /** The 1-based step, left started by an interrupted apply, that a person checked: recorded as done. */
  resumeAfterStep?: number;
  /** Who applies, for the ledger. */
  appliedBy: string;
  /** A server for the shadow in which the plan is rehearsed first; PGlite when absent. */
  shadowUrl?: string;
  /**
   * The database the plan may run on, when not the one its header names: a fleet's plan file was
   * made against one database of its group and runs on every one.
   */
  database?: string;
  /**
   * Rehearsals already made, by base fingerprint and file sha256: a plan that reached its target
   * from one base reaches it from any database at that base, so a fleet rehearses once per file.
   */
  rehearsals?: Map<string, Promise<string>>;
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
    await checkDatabase(db, o.plan, o.database);
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
  expectResumable(plan.header.id, o.resumeAfterStep, entry?.step_running, plan.steps);
  const readProduction = () => boundedRead(db, o.databaseUrl, o, o.log, () => extractCatalog(db));
  const production = await readProduction();
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
    const key = `${now} ${plan.sha256}`;
    const rehearsal = o.rehearsals?.get(key) ?? rehearse(production, plan, o.shadowUrl, o.log).then(fingerprint);
    o.rehearsals?.set(key, rehearsal);
    const rehearsed = await rehearsal;
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
    const interrupted = entry?.step_running === i;
    if (step.transactional) {
      const run = () => runStep(db, step, () => recordProgress(db, plan, o.appliedBy, done));
      await withLockRetries(o, o.log, run, { what: (e) => e.message, left: 'the step was rolled back' });
    } else if (step.commitsItself) {
      if (interrupted && o.resumeAfterStep !== i + 1) throw interruptedStep(plan.header.id, i, step);
      if (interrupted) {
        o.log(`step ${i + 1} was checked by hand (--resume-after-step ${i + 1}); recording it as done`);
      } else {
        // Recorded as started before it runs: from here on, no apply runs it again by itself.
        await recordProgress(db, plan, o.appliedBy, { stepsDone: i, stepRunning: i, fingerprintBefore: null });
        await runStep(db, step).catch((error: Error) => {
          throw failedStep(i, step, error);
        });
      }
      await recordProgress(db, plan, o.appliedBy, done);
    } else {
      // DROP INDEX CONCURRENTLY waits for old transactions as the build does.
      const dropLeftovers = () => underIndexWait(db, o, async () => {
        for (const sql of step.statements) await dropLeftoverIndex(db, sql, o.log);
      });
      if (interrupted) await dropLeftovers();
      const before = fingerprint(await readProduction());
      if (interrupted && before !== entry.fingerprint_before_step) {
        o.log(`step ${i + 1} had landed before the interruption; not running it again`);
      } else {
        await recordProgress(db, plan, o.appliedBy, { stepsDone: i, stepRunning: i, fingerprintBefore: before });
        const buildsIndex = (await Promise.all(step.statements.map(concurrentIndexBuild))).some(Boolean);
        const waits = buildsIndex ? { ...o, lockTimeout: o.indexWaitTimeout } : o;
        const build = () => watchingIndexBuild(o.databaseUrl, pid, o.log, () => runStep(db, step));
        const run = () => (buildsIndex ? underIndexWait(db, o, build) : runStep(db, step));
        await withLockRetries(waits, o.log, run, { what: (e) => e.message, left: 'the next apply resumes the step', beforeRetry: dropLeftovers });
      }
      await recordProgress(db, plan, o.appliedBy, done);
    }
    await expectSameSession(db, pid);
    o.log(`step ${i + 1}/${plan.steps.length} done (${describe(step)})`);
  }

  const reached = fingerprint(await readProduction());
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
 * Runs `run` with lock_timeout raised to the index wait budget: a concurrent index build (or drop)
 * waits for every transaction older than it, and a build cancelled by the short lock_timeout
 * would start from scratch on every retry.
 */
async function underIndexWait(db: Connection, o: ApplyOptions, run: () => Promise<void>): Promise<void> {
  await db.exec(`SET lock_timeout = ${quoteLiteral(o.indexWaitTimeout)}`);
  try {
    await run();
  } finally {
    await db.exec(`SET lock_timeout = ${quoteLiteral(o.lockTimeout)}`);
  }
}

async function checkDatabase(db: Connection, plan: Plan, database = plan.header.database): Promise<void> {
  const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
  expectPlannedDatabase(plan.header.id, database, rows[0]!.d);
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
