import { applyPlan } from '../apply/apply-plan.js';
import { DriftError, HazardRefusedError } from '../engine/errors.js';
import { parsePlan } from '../plan/plan-file.js';
import type { RunContext, RunOutcome } from './context.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
import { applySettings } from './run-settings.js';
import { singleDatabase } from './single-database.js';
import { commentOnce } from './comment-once.js';
import { approvalGate, gateSettings, removePlan } from './merged-plan.js';

type ApplyResult = Omit<RunOutcome, 'summary' | 'phase'>;

/**
 * A merged plan on the default branch: applies it once the merge request's approvals allow,
 * removes the plan file from the default branch and says so on the merge request. A rerun is safe:
 * the ledger makes apply a no-op and the removal finds the file gone. A plan production has
 * drifted from is removed unapplied (`superseded`), for the plan phase to replace.
 */
export async function applyPhase(ctx: RunContext, text: string): Promise<ApplyResult> {
  const { config, forge, templates, log } = ctx;
  const plan = await parsePlan(text, config.pendingFile);
  const id = plan.header.id;
  const mr = await forge.findMergeRequestByBranch(branchNameForPlan(config.branchPrefix, id));
  if (!mr) log(`no merge request found for ${id}; the result is only printed`);
  // The bar (gated classes, approvers, required approvals) is the default branch's before the
  // merge, never the merge's own.
  const bar = await gateSettings(ctx, config.pendingFile);
  let destructive = false;
  const authorize = approvalGate(ctx, mr, bar, config.pendingFile, plan, () => (destructive = true));

  try {
    const outcome = await applyPlan({ ...applySettings(ctx, bar), databaseUrl: singleDatabase(ctx), plan, authorize, log });
    log(`${id}: ${outcome}`);
  } catch (error) {
    if (error instanceof HazardRefusedError) {
      log(error.message);
      return { result: 'apply-refused', planId: id, mergeRequestUrl: mr?.url, destructive };
    }
    if (mr) await commentOnce(forge, mr, templates.comment('apply-failed', { planId: id, error: (error as Error).message }));
    if (!(error instanceof DriftError)) throw error;
    // Production moved away from the plan's base, so the plan can never apply: it makes way for
    // a new plan from production as it is, which needs its own review.
    await removePlan(ctx, id, config.pendingFile);
    log(`${id} no longer fits production; removed it so that a new plan is made`);
    return { result: 'superseded', planId: id, mergeRequestUrl: mr?.url, destructive };
  }

  const cleanupUrl = await removePlan(ctx, id, config.pendingFile);
  if (mr) {
    const statements = plan.steps.reduce((n, s) => n + s.statements.length, 0);
    await commentOnce(forge, mr, templates.comment('applied', { planId: id, statements, target: plan.header.target, file: config.pendingFile, cleanupUrl }));
  }
  return { result: 'applied', planId: id, mergeRequestUrl: mr?.url, destructive };
}
