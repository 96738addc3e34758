import { fingerprint } from '../catalog/fingerprint.js';
import { renderScript } from '../diff/script.js';
import { bothSettled, migrate, readDesired, startDatabaseRead, warnOnVersionMismatch } from '../engine/compute-migration.js';
import { driftFrom, expectPlannedDatabase, NotConvergingError } from '../engine/errors.js';
import { refuseIncomparableMajors } from '../engine/incomparable-majors.js';
import type { GateClass } from '../plan/classify-statement.js';
import { DEFAULT_GATED, planGate, renderingProblems, type Gate } from '../plan/gate.js';
import { PlanFormatError, type Plan } from '../plan/plan-file.js';
import type { LockWaits } from '../engine/lock-retries.js';
import { rehearse } from './rehearse.js';
import { commented } from '../plan/probe-comments.js';
import { firstLineOf, placeOf } from '../plan/row-probe.js';
import { DEFAULT_PROBE_MAX_ROWS, describeFailure, describeUnanswered, probeRows } from '../plan/row-probes.js';

export interface CheckOptions {
  databaseUrl: string;
  plan: Plan;
  schemaPath: string | string[];
  shadowUrl?: string;
  /** How production's catalog read waits for locks; READ_LOCK_WAITS when absent. */
  lockWaits?: LockWaits;
  /** The classes that need approval (the `gated` setting); all of them when absent. */
  gated?: readonly GateClass[];
  /** The largest table a row probe reads (the `probe_max_rows` setting); DEFAULT_PROBE_MAX_ROWS when absent. */
  probeMaxRows?: number;
  log(message: string): void;
}

/**
 * Proves a plan without touching production: production must still be at the plan's base; the
 * plan's hazard comments and header must say what its statements do; its schema, rebuilt in a
 * shadow, plus the plan exactly as written (a reviewer's backfill included) must give the catalog
 * of schema/*.sql. Returns the gate: whether the plan needs approval, and why.
 */
export async function checkPlan(o: CheckOptions): Promise<Gate> {
  const { header } = o.plan;
  const read = startDatabaseRead(o.databaseUrl, o);
  const [production, desired] = await bothSettled(read.catalog, readDesired(o, undefined, read.version));
  warnOnVersionMismatch(production.version, desired.version, o.log);
  refuseIncomparableMajors(production, desired);
  expectPlannedDatabase(header.id, header.database, production.database);
  const now = fingerprint(production.catalog);
  if (now !== header.base) {
    throw driftFrom(header.id, header.base, now, renderScript(migrate(production.catalog, desired.catalog, o.log)));
  }
  const gate = planGate(o.plan.statements, production.catalog, o.gated ?? DEFAULT_GATED);
  const problems = renderingProblems(gate, header.hazards, o.plan.statements[0]?.file ?? 'the plan');
  if (problems.length) {
    throw new PlanFormatError(`the plan's hazard comments do not say what its statements do:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const result = await rehearse(production.catalog, o.plan, o.shadowUrl, o.log);
  const remaining = migrate(result, desired.catalog, o.log);
  if (remaining.length) {
    throw new NotConvergingError(`${header.id} does not turn production into schema/*.sql; still needed:`, renderScript(remaining));
  }
  if (fingerprint(desired.catalog) !== header.target) {
    throw new NotConvergingError(`${header.id} converges, but its target is not the fingerprint of schema/*.sql (${fingerprint(desired.catalog)}): plan again`, '');
  }
  const { failures, unanswered } = await probeRows(o.databaseUrl, gate, o.probeMaxRows ?? DEFAULT_PROBE_MAX_ROWS);
  for (const u of unanswered) o.log(describeUnanswered(u));
  if (failures.length) {
    throw new NotConvergingError(
      `${header.id} reaches schema/*.sql on an empty copy, but production's rows make it fail:\n${failures.map((f) => `  ${describeFailure(f)}`).join('\n')}\n` +
        'backfill in pending.sql first (a skeleton is printed on stdout), then check again',
      `${failures.flatMap((f) => commented([`${placeOf(f.statement)} ${firstLineOf(f.statement)}:`, ...f.fix])).join('\n')}\n`,
    );
  }
  return gate;
}
