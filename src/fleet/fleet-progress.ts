import { ledgerEntry, type LedgerEntry } from '../apply/ledger.js';
import { eachBounded } from './each-bounded.js';
import { groupOf, type FleetManifest, type ManifestGroup } from './fleet-manifest.js';
import type { FleetTarget } from './fleet-target.js';

/** A target of a merged fleet plan and where it stands, as its own ledger says. */
export interface TargetProgress {
  target: FleetTarget;
  group: ManifestGroup;
  /** Its ledger's row of the plan, if any; none when the ledger could not be read, so that applying says why. */
  entry?: LedgerEntry;
}

export const isApplied = (p: TargetProgress) => p.entry?.finished_at != null;

export interface FleetProgress {
  /** Targets the plan has a file for, in the order of the settings. */
  planned: TargetProgress[];
  /** Targets of the settings the plan has nothing for: added since it was made; a later run plans them. */
  unplanned: FleetTarget[];
  /** The lowest wave with a target not yet applied; undefined when every wave is done. */
  nextWave?: number;
}

/**
 * Where a merged plan stands on every target, read from each target's ledger, `jobs` at a time.
 * The targets, their waves and environments are the settings' (the default branch's before the
 * merge); the manifest only says which file each runs.
 */
export async function fleetProgress(manifest: FleetManifest, targets: FleetTarget[], jobs: number): Promise<FleetProgress> {
  const inPlan = targets.flatMap((target) => {
    const group = groupOf(manifest, target.name);
    return group ? [{ target, group }] : [];
  });
  const unplanned = targets.filter((t) => !groupOf(manifest, t.name) && !manifest.current.includes(t.name));
  const entries = await eachBounded(inPlan, jobs, ({ target }) => ledgerEntry(target.url, manifest.plan));
  const planned = inPlan.map((p, i): TargetProgress => {
    const e = entries[i]!;
    return e.status === 'fulfilled' && e.value ? { ...p, entry: e.value } : p;
  });
  const waiting = planned.filter((p) => !isApplied(p)).map((p) => p.target.wave);
  return { planned, unplanned, nextWave: waiting.length ? Math.min(...waiting) : undefined };
}

/**
 * Why `p` may not run its file yet, or undefined when it may: every target of an earlier wave
 * must have applied, and a target promoted from an environment runs only a file (by sha256) that
 * a target of that environment has applied.
 */
export function heldBack(p: TargetProgress, progress: FleetProgress, fileSha256: string): string | undefined {
  const earlier = progress.planned.filter((o) => o.target.wave < p.target.wave && !isApplied(o));
  if (earlier.length > 0) {
    const names = earlier.slice(0, 5).map((o) => o.target.name).join(', ');
    return `wave ${p.target.wave} waits for ${earlier.length} target(s) of earlier waves (${names}${earlier.length > 5 ? ', …' : ''})`;
  }
  const from = p.target.promotedFrom;
  if (from === undefined) return undefined;
  const proven = progress.planned.some((o) => o.target.environment === from && isApplied(o) && o.entry!.file_sha256 === fileSha256);
  return proven ? undefined : `${p.target.name} is promoted from ${from}, and no ${from} database has applied ${p.group.file} (sha256 ${fileSha256.slice(0, 12)}); it runs only a file ${from} ran first`;
}
