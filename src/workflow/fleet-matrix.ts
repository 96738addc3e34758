import { parseManifest } from '../fleet/fleet-manifest.js';
import { fleetProgress, isApplied } from '../fleet/fleet-progress.js';
import type { RunContext } from './context.js';
import { manifestPath } from './fleet-plan.js';
import { gateSettings } from './merged-plan.js';

/** The targets a CI matrix should apply next: the next wave's that have not applied the merged plan. */
export interface NextWave {
  /** The merged plan, if one waits on the default branch. */
  plan?: string;
  wave?: number;
  targets: string[];
}

/**
 * What the jobs of a CI matrix apply next, read from the remote and the targets' ledgers as a
 * run would: nothing when no plan is merged or every target has applied it.
 */
export async function nextWave(ctx: RunContext): Promise<NextWave> {
  await ctx.repo.fetch(ctx.defaultBranch);
  const text = await ctx.repo.show(`origin/${ctx.defaultBranch}`, manifestPath(ctx));
  if (text === undefined) return { targets: [] };
  const manifest = parseManifest(text, manifestPath(ctx));
  const bar = await gateSettings(ctx, manifestPath(ctx));
  const progress = await fleetProgress(manifest, await ctx.resolveTargets(bar.targets), ctx.jobs);
  const wave = progress.nextWave;
  const targets = progress.planned.filter((p) => p.target.wave === wave && !isApplied(p)).map((p) => p.target.name);
  return { plan: manifest.plan, ...(wave === undefined ? {} : { wave }), targets };
}

/** The next wave as GitHub's strategy.matrix takes it: `target` empty when nothing waits. */
export const nextWaveMatrix = (next: NextWave) => ({ plan: next.plan ?? null, wave: next.wave ?? null, target: next.targets });
