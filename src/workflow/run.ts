import { applyPhase } from './apply-phase.js';
import type { RunContext, RunOutcome } from './context.js';
import { fleetApplyPhase } from './fleet-apply-phase.js';
import { fleetPlan, manifestPath } from './fleet-plan.js';
import { planPhase } from './plan-phase.js';
import type { PlanKind } from './plan-kind.js';
import { singleDatabasePlan } from './single-database-plan.js';

/**
 * `schema-bot run`: a plan on the default branch (pending.sql, or a fleet's manifest when the
 * settings list targets) means a merge request was merged, so it is applied; otherwise production
 * is diffed against schema/*.sql and the bot merge request kept in step. What to do is read from
 * the remote each time, never from local state. With `only` (a fleet's CI matrix job), the run
 * applies the merged plan to that one target and plans nothing.
 */
export async function runWorkflow(ctx: RunContext, only?: string): Promise<RunOutcome> {
  await ctx.repo.fetch(ctx.defaultBranch);
  const fleet = ctx.config.targets.length > 0;
  if (only !== undefined && !fleet) throw new Error(`--target ${only}: .schema-bot.yml lists no targets`);
  const mergedFile = fleet ? manifestPath(ctx) : ctx.config.pendingFile;
  const merged = await ctx.repo.show(`origin/${ctx.defaultBranch}`, mergedFile);
  let superseded: string | undefined;
  if (merged !== undefined) {
    const result = fleet ? await fleetApplyPhase(ctx, merged, only) : await applyPhase(ctx, merged);
    if (result.result !== 'superseded') {
      const outcome = result.result === 'applied' ? `${result.planId} applied` : `${result.planId} refused: it deletes data and lacks approvals`;
      const summary = ctx.templates.summary({ command: 'run (apply)', destructive: result.destructive, mergeRequestUrl: result.mergeRequestUrl, outcome });
      return { phase: 'apply', ...result, summary };
    }
    superseded = result.planId;
  }
  if (only !== undefined) throw new Error(`--target ${only}: no merged plan on ${ctx.defaultBranch} (${mergedFile}); a matrix job only applies one`);
  const kind: PlanKind = fleet ? fleetPlan(ctx, await ctx.resolveTargets(ctx.config.targets)) : singleDatabasePlan(ctx);
  const { view, fleet: fleetView, ...result } = await planPhase(ctx, kind);
  const outcome = superseded ? `${result.result}; ${superseded} was not applied because production changed since it was planned` : result.result;
  const summary = ctx.templates.summary({ command: 'run (plan)', plan: view, fleet: fleetView, destructive: result.destructive, mergeRequestUrl: result.mergeRequestUrl, outcome });
  return { phase: 'plan', ...result, superseded, summary };
}
