import type { Catalog } from '../catalog/fact.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { readDatabase, type ReadWaits } from '../engine/compute-migration.js';
import { eachBounded } from './each-bounded.js';
import type { FleetTarget } from './fleet-target.js';

/** A target as read: the fingerprint a plan for it must start from. */
export interface ReadTarget {
  target: FleetTarget;
  base: string;
  catalog: Catalog;
}

/** Targets that share a base fingerprint: one plan serves them all. */
export interface TargetGroup {
  base: string;
  targets: FleetTarget[];
  /** The catalog of the first target, which every other target of the group has too. */
  catalog: Catalog;
}

export interface FleetReading {
  /** Largest first; ties in the order of the first target of each. */
  groups: TargetGroup[];
  /** Targets that could not be read, with the reason. */
  unread: { target: FleetTarget; reason: string }[];
}

/**
 * Every target's catalog, `jobs` at a time, grouped by fingerprint. Catalogs are dropped once
 * fingerprinted but for each group's first, so memory follows the number of distinct schemas,
 * not of targets.
 */
export async function readFleet(targets: FleetTarget[], jobs: number, waits: ReadWaits): Promise<FleetReading> {
  const groups = new Map<string, TargetGroup>();
  let done = 0;
  const settled = await eachBounded(targets, jobs, async (target) => {
    const { catalog } = await readDatabase(target.url, waits);
    const base = fingerprint(catalog);
    const group = groups.get(base);
    if (group) group.targets.push(target);
    else groups.set(base, { base, targets: [target], catalog });
    done++;
    if (done % 50 === 0 || done === targets.length) waits.log(`read ${done} of ${targets.length} targets`);
  });
  const unread = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ target: targets[i]!, reason: (s.reason as Error).message }] : []));
  // Reads finish in any order: each group lists its targets as the settings do.
  const order = new Map(targets.map((t, i) => [t.name, i]));
  const byOrder = (a: FleetTarget, b: FleetTarget) => order.get(a.name)! - order.get(b.name)!;
  const sorted = [...groups.values()].map((g) => ({ ...g, targets: g.targets.sort(byOrder) }));
  sorted.sort((a, b) => b.targets.length - a.targets.length || byOrder(a.targets[0]!, b.targets[0]!));
  return { groups: sorted, unread };
}
