import type { Catalog } from '../catalog/fact.js';
import { fingerprint } from '../catalog/fingerprint.js';
import type { Action } from '../diff/action.js';
import { computeMigration, type MigrationRequest } from './compute-migration.js';
import { withGateHazards } from './gate-hazards.js';
import { DEFAULT_GATED, planGate } from './gate.js';
import { parsePlan, planId, renderPlan } from './plan-file.js';
import { noteFailures, type NotedFailure } from './probe-comments.js';
import { DEFAULT_PROBE_MAX_ROWS, describeUnanswered, probeRows } from './row-probes.js';

/** What the plan's messages call it: the file it is written to, by default. */
const PLAN_NAME = 'pending.sql';

export interface PlanRequest extends MigrationRequest {
  /** Commit of the schema repository, or `none`. */
  source: string;
  now: Date;
  /** The plan id to keep (an updated merge request keeps its branch's); made from `now` when absent. */
  id?: string;
  /** Rewrites actions before they are written, e.g. into online patterns. */
  transform?: (actions: Action[], source: Catalog, target: Catalog) => Action[];
  /** The largest table a row probe reads (the `probe_max_rows` setting); DEFAULT_PROBE_MAX_ROWS when absent. */
  probeMaxRows?: number;
}

export interface MadePlan {
  id: string;
  actions: Action[];
  /** Production's catalog the plan was made against: what the gate classifies its statements with. */
  production: Catalog;
  /** pending.sql's content; empty when production already matches the schema. */
  text: string;
  /** Statements production's rows make fail, as the text notes them above each. */
  failures: NotedFailure[];
}

/** Diffs production against schema/*.sql and writes the result as a plan file. */
export async function makePlan(req: PlanRequest): Promise<MadePlan> {
  const migration = await computeMigration(req);
  const transformed = req.transform ? req.transform(migration.actions, migration.source, migration.target) : migration.actions;
  const actions = await withGateHazards(transformed, migration.source);
  const id = req.id ?? planId(req.now);
  const production = migration.source;
  if (actions.length === 0) return { id, actions, production, text: '', failures: [] };
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
  const gate = planGate((await parsePlan(rendered, PLAN_NAME)).statements, production, DEFAULT_GATED);
  const { failures, unanswered } = await probeRows(req.databaseUrl, gate, req.probeMaxRows ?? DEFAULT_PROBE_MAX_ROWS);
  const { text, noted, lineOf } = noteFailures(rendered, failures);
  for (const u of unanswered) req.log(describeUnanswered(u, `${PLAN_NAME}:${lineOf(u.statement)}`));
  return { id, actions, production, text, failures: noted };
}
