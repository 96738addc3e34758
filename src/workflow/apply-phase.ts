import { createHash } from 'node:crypto';
import type { Config } from '../config/options.js';
import type { MergeRequest } from '../forge/forge.js';
import { PushRefused } from '../git/repository.js';
import { applyPlan } from '../apply/apply-plan.js';
import { DriftError, HazardRefusedError } from '../engine/errors.js';
import { GATE_CLASS_WORDS, gateReasons, type Gate } from '../plan/gate.js';
import { driftExplainer } from '../apply/explain-drift.js';
import { parsePlan, type Plan } from '../plan/plan-file.js';
import { countedApprovals } from './approvals.js';
import type { RunContext, RunOutcome } from './context.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
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
  const mr = await forge.findMergeRequestByBranch(branchNameForPlan(config.branchPrefix, id));
  if (!mr) log(`no merge request found for ${id}; the result is only printed`);
  // The bar (gated classes, approvers, required approvals) is the default branch's before the
  // merge, never the merge's own.
  const bar = await gateSettings(ctx);
  let destructive = false;
  // Asked by apply once it has read production, before anything runs, when the plan's statements
  // are of a gated class: the merge request's approvals must then be there.
  const authorize = async (gate: Gate) => {
    destructive = true;
    // An approval is of the file on the merge request's head: a plan file that differs from it
    // (edited after the approvals, or on the default branch after the merge) has none.
    const approved = mr !== undefined && (await approvedFile(ctx, mr, plan));
    const approvedBy = mr && approved ? await countedApprovals(forge, mr, mr.headSha, bar) : [];
    const missing = bar.requiredApprovals - approvedBy.length;
    if (missing <= 0) return;
    const reason = gate.gated.map((k) => GATE_CLASS_WORDS[k]).join(', ');
    const changedFrom = mr && !approved ? mr.headSha.slice(0, 12) || `the head of ${mr.branch}` : undefined;
    const refusal = { planId: id, reason, required: bar.requiredApprovals, approvers: bar.approvers, approvedBy, missing, defaultBranch: ctx.defaultBranch, changedFrom, file: config.pendingFile };
    if (mr) await commentOnce(forge, mr, templates.comment('apply-refused', refusal));
    if (changedFrom) log(`${config.pendingFile} on ${ctx.defaultBranch} is not the file approved on ${changedFrom}; no approval counts for it`);
    throw new HazardRefusedError(`${id} ${gateReasons(gate)} and has ${approvedBy.length} of ${bar.requiredApprovals} required approval(s); nothing applied`);
  };

  try {
    const outcome = await applyPlan({
      databaseUrl: ctx.databaseUrl,
      shadowUrl: ctx.shadowUrl,
      plan,
      gated: bar.gated,
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
 * The settings that gate a merged plan: those of the default branch just before the merge that
 * brought the plan file, so that a merge request cannot lower its own bar (required approvals,
 * approvers) by editing `.schema-bot.yml` alongside the plan.
 */
async function gateSettings(ctx: RunContext): Promise<Config> {
  const before = await ctx.repo.beforeAdded(`origin/${ctx.defaultBranch}`, ctx.config.pendingFile);
  if (!before) {
    throw new Error(`cannot find ${ctx.defaultBranch} as it was before ${ctx.config.pendingFile} was merged, whose settings gate the plan (a shallow clone? fetch the whole history)`);
  }
  return ctx.configAt(before);
}

/** Whether the plan to apply is byte for byte the plan file on the merge request's head. */
async function approvedFile(ctx: RunContext, mr: MergeRequest, plan: Plan): Promise<boolean> {
  const { repo, config } = ctx;
  const onHead = async () => repo.show(mr.headSha, config.pendingFile);
  // A squash or rebase merge leaves the head off the default branch: it is on the merge request's branch.
  const text = mr.headSha ? ((await onHead()) ?? (await repo.fetch(mr.branch).then(onHead, () => undefined))) : undefined;
  return text !== undefined && createHash('sha256').update(text).digest('hex') === plan.sha256;
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
  const branch = `${branchNameForPlan(config.branchPrefix, plan.header.id)}-cleanup`;
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
