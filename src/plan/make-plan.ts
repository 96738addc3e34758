import type { Catalog } from '../catalog/fact.js';
import { fingerprint } from '../catalog/fingerprint.js';
import type { Action } from '../diff/action.js';
import { computeMigration, type MigrationRequest } from './compute-migration.js';
import { withGateHazards } from './gate-hazards.js';
import { planId, renderPlan } from './plan-file.js';

export interface PlanRequest extends MigrationRequest {
  /** Commit of the schema repository, or `none`. */
  source: string;
  now: Date;
  /** The plan id to keep (an updated merge request keeps its branch's); made from `now` when absent. */
  id?: string;
  /** Rewrites actions before they are written, e.g. into online patterns. */
  transform?: (actions: Action[], source: Catalog, target: Catalog) => Action[];
}

export interface MadePlan {
  id: string;
  actions: Action[];
  /** Production's catalog the plan was made against: what the gate classifies its statements with. */
  production: Catalog;
  /** pending.sql's content; empty when production already matches the schema. */
  text: string;
}

/** Diffs production against schema/*.sql and writes the result as a plan file. */
export async function makePlan(req: PlanRequest): Promise<MadePlan> {
  const migration = await computeMigration(req);
  const transformed = req.transform ? req.transform(migration.actions, migration.source, migration.target) : migration.actions;
  const actions = await withGateHazards(transformed, migration.source);
  const id = req.id ?? planId(req.now);
  const production = migration.source;
  if (actions.length === 0) return { id, actions, production, text: '' };
  const text = renderPlan(
    {
      id,
      database: migration.database,
      base: fingerprint(migration.source),
      target: migration.targetFingerprint,
      source: req.source,
    },
    actions,
  );
  return { id, actions, production, text };
}
