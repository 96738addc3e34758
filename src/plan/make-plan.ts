import type { Catalog } from '../catalog/fact.js';
import { fingerprint } from '../catalog/fingerprint.js';
import type { Action } from '../diff/action.js';
import { computeMigration, type MigrationRequest } from '../engine/compute-migration.js';
import { withGateHazards } from './gate-hazards.js';
import type { GateClass } from './classify-statement.js';
import { DEFAULT_GATED, planGate, type Gate } from './gate.js';
import { parsePlan, planId, renderPlan, type Plan } from './plan-file.js';
import { DEFAULT_SMALL_TABLE_ROWS, planRisk, type StatementRisk } from './plan-risk.js';
import { noteFailures, type NotedFailure } from './probe-comments.js';
import { DEFAULT_PROBE_MAX_ROWS, describeUnanswered, probeRows } from './row-probes.js';


export interface PlanRequest extends MigrationRequest {
  /** Commit of the schema repository, or `none`. */
  source: string;
  now: Date;
  /** The plan id to keep (an updated merge request keeps its branch's); made from `now` when absent. */
  id?: string;
  /** The largest table a row probe reads (the `probe_max_rows` setting); DEFAULT_PROBE_MAX_ROWS when absent. */
  probeMaxRows?: number;
  /** What the plan's messages call it: the file it is written to; `pending.sql` when absent. */
  file?: string;
  /** The classes that wait for approval (the `gated` setting); DEFAULT_GATED when absent. */
  gated?: readonly GateClass[];
  /** Tables under this many rows have their locks and rewrites rated low (`risk.small_table_rows`); DEFAULT_SMALL_TABLE_ROWS when absent. */
  smallTableRows?: number;
}

export interface MadePlan {
  id: string;
  actions: Action[];
  /** Production's catalog the plan was made against: what the gate classifies its statements with. */
  production: Catalog;
  /** pending.sql's content; empty when production already matches the schema. */
  text: string;
  /**
   * The text as the bot reads it back, and the gate's verdict on it under the request's gated
   * classes: what callers show and decide with, so none of them parses the text again.
   */
  plan?: { file: Plan; gate: Gate };
  /** Statements production's rows make fail, as the text notes them above each. */
  failures: NotedFailure[];
  /** The statements that lock a table production has, with what that table holds. */
  risk: StatementRisk[];
}

/** Diffs production against schema/*.sql and writes the result as a plan file. */
export async function makePlan(req: PlanRequest): Promise<MadePlan> {
  const migration = await computeMigration(req);
  const actions = await withGateHazards(migration.actions, migration.source);
  const id = req.id ?? planId(req.now);
  const production = migration.source;
  if (actions.length === 0) return { id, actions, production, text: '', failures: [], risk: [] };
  const file = req.file ?? 'pending.sql';
  const rendered = renderPlan(
    {
      id,
      database: migration.database,
      base: fingerprint(migration.source),
      target: migration.targetFingerprint,
      source: req.source,
    },
    actions,
  );
  // Asked now as check will ask, so that the merge request says what will fail before anyone reviews it.
  const gate = planGate((await parsePlan(rendered, file)).statements, production, DEFAULT_GATED);
  const { failures, unanswered } = await probeRows(req.databaseUrl, gate, req.probeMaxRows ?? DEFAULT_PROBE_MAX_ROWS);
  const { text, noted, lineOf } = noteFailures(rendered, failures);
  for (const u of unanswered) req.log(describeUnanswered(u, `${file}:${lineOf(u.statement)}`));
  const written = await parsePlan(text, file);
  const plan = { file: written, gate: planGate(written.statements, production, req.gated ?? DEFAULT_GATED) };
  const risk = await planRisk({
    databaseUrl: req.databaseUrl,
    actions,
    production,
    target: migration.target,
    text,
    smallTableRows: req.smallTableRows ?? DEFAULT_SMALL_TABLE_ROWS,
    online: req.online ?? false,
    log: req.log,
  });
  return { id, actions, production, text, plan, failures: noted, risk };
}
