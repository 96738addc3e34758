import type { MergeRequest } from '../forge/forge.js';
import { ledgerHolds } from '../apply/ledger.js';
import { makePlan } from '../plan/make-plan.js';
import { planId } from '../plan/plan-file.js';
import { BOT_MARKER, readPlanMarker } from '../templates/render.js';
import { refreshApprovalStatus } from './approvals.js';
import { readPlanOnBranch, samePlan } from './plan-on-branch.js';
import type { RunContext, RunOutcome } from './context.js';
import { lockWaits } from './lock-waits.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
import { planView } from './plan-view.js';
import { schemaPaths } from './schema-paths.js';
import { commentOnce } from './comment-once.js';

type PlanResult = Omit<RunOutcome, 'summary' | 'phase'> & { view?: ReturnType<typeof planView> };

/**
 * Diffs production against schema/*.sql of the checkout and keeps the one bot merge request in
 * step: opened for a new plan, updated for a changed one, left alone for the same one or when a
 * person committed to its branch, closed when nothing is left to do.
 */
export async function planPhase(ctx: RunContext): Promise<PlanResult> {
  const { config, forge, repo, templates, log } = ctx;
  const found = await forge.findOpenBotMergeRequest(config.branchPrefix, BOT_MARKER);
  const foundPlan = found ? await readPlanOnBranch(repo, found.branch, config.pendingFile, log) : undefined;
  const foundId = foundPlan?.header.id ?? (found && readPlanMarker(found.body)?.id);
  const applied = foundId !== undefined && (await ledgerHolds(ctx.databaseUrl, foundId));
  if (found && applied) await closeApplied(ctx, found, foundId!);
  const open = applied ? undefined : found;
  const current = applied ? undefined : foundPlan;
  const made = await makePlan({
    databaseUrl: ctx.databaseUrl,
    shadowUrl: ctx.shadowUrl,
    schemaPath: schemaPaths(ctx),
    source: (await repo.resolve('HEAD')) ?? 'none',
    now: ctx.now,
    id: (open && foundId) || (await unusedPlanId(ctx)),
    online: config.online,
    lockWaits: lockWaits(ctx),
    probeMaxRows: config.probeMaxRows,
    smallTableRows: config.risk.smallTableRows,
    file: config.pendingFile,
    gated: config.gated,
    log,
  });

  if (!made.plan) {
    if (!open) return { result: 'nothing to do', destructive: false };
    await forge.comment(open, templates.comment('closed', { reason: `production already matches \`schema/*.sql\`; nothing is left to apply.` }));
    await forge.closeMergeRequest(open);
    await forge.deleteBranch(open.branch);
    return { result: 'closed', planId: current?.header.id, mergeRequestUrl: open.url, destructive: false };
  }

  const plan = made.plan.file;
  const view = planView({ ...plan.header, text: plan.text }, made.actions, config.pendingFile, made.failures, made.risk);
  const destructive = made.plan.gate.needsApproval;
  const outcome = { planId: made.id, destructive, view };

  if (open && current && samePlan(current, plan)) {
    // Approvals may have come in since the last run.
    await refreshApprovalStatus(forge, config, open, open.headSha, destructive);
    return { ...outcome, result: 'unchanged', mergeRequestUrl: open.url };
  }
  if (open) {
    const others = await repo.commitsByOthers(open.branch, ctx.defaultBranch);
    if (others.length > 0) {
      // A reviewer's edit of the same change (a backfill, another order) is the plan now: check
      // proves it. Only a plan for another schema is worth telling them about.
      const sameChange = current && current.header.base === plan.header.base && current.header.target === plan.header.target;
      if (!sameChange) {
        const commits = others.map((c) => ({ sha: c.sha.slice(0, 12), author: c.author.name, subject: c.subject }));
        await commentOnce(forge, open, templates.comment('kept-commits', { branch: open.branch, file: config.pendingFile, commits }));
      }
      return { ...outcome, result: 'kept-commits', mergeRequestUrl: open.url };
    }
  }

  const branch = open?.branch ?? branchNameForPlan(config.branchPrefix, made.id);
  const content = {
    title: templates.title(view),
    body: templates.body(view, {
      defaultBranch: ctx.defaultBranch,
      requiredApprovals: config.requiredApprovals,
      approvers: config.approvers,
      gated: config.gated,
      maxLength: forge.bodyLimit,
    }),
  };
  const sha = await repo.publish({
    branch,
    from: ctx.defaultBranch,
    files: { [config.pendingFile]: made.text },
    message: content.title,
    replacing: open ? await repo.resolve(`origin/${open.branch}`) : undefined,
  });
  const mr = open
    ? await forge.updateMergeRequest(open, content)
    : await forge.openMergeRequest({ branch, baseBranch: ctx.defaultBranch, ...content });
  await forge.setLabels(mr, {
    add: [config.labels.change, ...(destructive ? [config.labels.destructive] : [])],
    remove: destructive ? [] : [config.labels.destructive],
  });
  if (destructive && config.reviewers.length > 0) {
    const asked = await forge.requestReviewers(mr, config.reviewers);
    log(`asked ${asked.join(', ') || 'nobody'} to review ${mr.url}`);
  }
  await refreshApprovalStatus(forge, config, mr, sha, destructive);
  return { ...outcome, result: open ? 'updated' : 'opened', mergeRequestUrl: mr.url };
}

/**
 * A merge request whose plan is in the ledger is done, whatever its host says (a squash merge
 * seen as open, a plan applied by hand): its id is never planned again, so it is closed.
 */
async function closeApplied(ctx: RunContext, mr: MergeRequest, id: string): Promise<void> {
  ctx.log(`${id} is in the ledger: ${mr.url} is done; a new plan gets a new id`);
  await ctx.forge.comment(mr, ctx.templates.comment('closed', { reason: `its plan \`${id}\` has been applied; a later change gets a merge request of its own.` }));
  await ctx.forge.closeMergeRequest(mr);
}

/** A fresh plan id from the clock that the ledger does not hold: an id once applied is never reused. */
async function unusedPlanId(ctx: RunContext): Promise<string> {
  for (let at = ctx.now.getTime(); ; at += 1000) {
    const id = planId(new Date(at));
    if (!(await ledgerHolds(ctx.databaseUrl, id))) return id;
  }
}
