import { makePlan, type MadePlan, type PlanRequest } from '../plan/make-plan.js';
import type { FleetManifest, ManifestGroup } from './fleet-manifest.js';
import type { FleetTarget } from './fleet-target.js';
import { readFleet, type FleetReading } from './read-fleet.js';

export interface FleetPlanRequest extends Omit<PlanRequest, 'databaseUrl' | 'file' | 'id'> {
  id: string;
  targets: FleetTarget[];
  /** How many targets are read at once. */
  jobs: number;
  /** The plan directory in the repository (`pending`): group files are named under it. */
  dir: string;
}

/** A group's plan, made against its first target, with the file it is written to. */
export interface GroupPlan {
  group: ManifestGroup;
  made: MadePlan;
}

export interface FleetPlan {
  manifest: FleetManifest;
  /** Groups with statements, the largest first. */
  plans: GroupPlan[];
  unread: FleetReading['unread'];
}

/**
 * One plan per distinct base: every target is read, targets with the same fingerprint share a
 * plan made against the first of them, and targets already at the schema are listed as current.
 * Plans share the id, so each target's ledger holds it once whichever file it ran.
 */
export async function planFleet(req: FleetPlanRequest): Promise<FleetPlan> {
  const reading = await readFleet(req.targets, req.jobs, { lockWaits: req.lockWaits, log: req.log });
  for (const u of reading.unread) req.log(`cannot read target ${u.target.name}: ${u.reason}`);
  const plans: GroupPlan[] = [];
  const current: string[] = [];
  for (const g of reading.groups) {
    const file = `group-${plans.length + 1}.sql`;
    const names = g.targets.map((t) => t.name);
    req.log(`planning ${file} for ${names.length} target(s) at ${g.base}`);
    const made = await makePlan({ ...req, databaseUrl: g.targets[0]!.url, file: `${req.dir}/${file}`, id: req.id });
    if (!made.plan) {
      current.push(...names);
      continue;
    }
    plans.push({ group: { file, base: made.plan.file.header.base, target: made.plan.file.header.target, targets: names }, made });
  }
  const order = new Map(req.targets.map((t, i) => [t.name, i]));
  current.sort((a, b) => order.get(a)! - order.get(b)!);
  return { manifest: { plan: req.id, groups: plans.map((p) => p.group), current }, plans, unread: reading.unread };
}
