import { PushRefused } from '../git/repository.js';
import { applyPlan } from '../plan/apply-plan.js';
import { DriftError, HazardRefusedError } from '../plan/errors.js';
import { GATE_CLASS_WORDS, gateReasons, type Gate } from '../plan/gate.js';
import { driftExplainer } from '../plan/explain-drift.js';
import { parsePlan, type Plan } from '../plan/plan-file.js';
import { countedApprovals } from './approvals.js';
import type { RunContext, RunOutcome } from './context.js';
import { planBranch } from './plan-branch.js';
import { schemaPaths } from './schema-paths.js';
import { commentOnce } from './comment-once.js';

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
  const mr = await forge.findMergeRequestByBranch(planBranch(config.branchPrefix, id));
  if (!mr) log(`no merge request found for ${id}; the result is only printed`);
  let destructive = false;
  // Asked by apply once it has read production, before anything runs, when the plan's statements
  // are of a gated class: the merge request's approvals must then be there.
  const authorize = async (gate: Gate) => {
    destructive = true;
    const approvedBy = mr ? await countedApprovals(forge, mr, config) : [];
    const missing = config.requiredApprovals - approvedBy.length;
    if (missing <= 0) return;
    const reason = gate.gated.map((k) => GATE_CLASS_WORDS[k]).join(', ');
    const refusal = { planId: id, reason, required: config.requiredApprovals, approvers: config.approvers, approvedBy, missing, defaultBranch: ctx.defaultBranch };
    if (mr) await commentOnce(forge, mr, templates.comment('apply-refused', refusal));
    throw new HazardRefusedError(`${id} ${gateReasons(gate)} and has ${approvedBy.length} of ${config.requiredApprovals} required approval(s); nothing applied`);
  };

  try {
    const outcome = await applyPlan({
      databaseUrl: ctx.databaseUrl,
      shadowUrl: ctx.shadowUrl,
      plan,
      gated: config.gated,
      authorize,
      lockTimeout: config.lockTimeout,
      statementTimeout: config.statementTimeout,
      indexWaitTimeout: config.indexWaitTimeout,
      lockRetries: ctx.lockRetries,
      backoffMs: ctx.backoffMs,
      appliedBy: ctx.appliedBy,
      explainDrift: driftExplainer({ schemaPath: schemaPaths(ctx), shadowUrl: ctx.shadowUrl }, log),
      log,
    });
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
    await removePlanFile(ctx, plan);
    log(`${id} no longer fits production; removed it so that a new plan is made`);
    return { result: 'superseded', planId: id, mergeRequestUrl: mr?.url, destructive };
  }

  const cleanupUrl = await removePlanFile(ctx, plan);
  if (mr) {
    const statements = plan.steps.reduce((n, s) => n + s.statements.length, 0);
    await commentOnce(forge, mr, templates.comment('applied', { planId: id, statements, target: plan.header.target, file: config.pendingFile, cleanupUrl }));
  }
  return { result: 'applied', planId: id, mergeRequestUrl: mr?.url, destructive };
}

/**
 * Takes the applied plan off the default branch, so the next run plans again. Where the bot may
 * not push (a protected branch), a small merge request does it instead; its URL is returned.
 */
async function removePlanFile(ctx: RunContext, plan: Plan): Promise<string | undefined> {
  const { config, forge, repo } = ctx;
  const message = `Applied ${plan.header.id}: remove ${config.pendingFile}`;
  try {
    await repo.removeFile(ctx.defaultBranch, config.pendingFile, message);
    return undefined;
  } catch (error) {
    if (!(error instanceof PushRefused)) throw error;
    ctx.log(`${ctx.defaultBranch} refused the bot's push; opening a merge request that removes ${config.pendingFile}`);
  }
  const branch = `${planBranch(config.branchPrefix, plan.header.id)}-cleanup`;
  const existing = await forge.findMergeRequestByBranch(branch);
  if (existing?.state === 'open') return existing.url;
  await repo.removeFile(ctx.defaultBranch, config.pendingFile, message, { to: branch });
  const mr = await forge.openMergeRequest({
    branch,
    baseBranch: ctx.defaultBranch,
    title: `Remove the applied ${config.pendingFile} (${plan.header.id})`,
    body: `\`${plan.header.id}\` has been applied. Merge this to take \`${config.pendingFile}\` off \`${ctx.defaultBranch}\`; until then each run finds the plan already applied and does nothing.`,
  });
  return mr.url;
}
