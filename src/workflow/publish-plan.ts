import type { MergeRequest } from '../forge/forge.js';
import type { FleetView, PlanView } from '../templates/plan-view.js';
import { refreshApprovalStatus } from './approvals.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
import type { RunContext } from './context.js';

/** A plan ready to be shown: the files its branch carries and what the merge request says. */
export interface PlanToPublish {
  id: string;
  /** Path in the repository → content. */
  files: Record<string, string>;
  view: PlanView;
  destructive: boolean;
  fleet?: FleetView;
}

/**
 * Commits the plan's files onto the bot branch (replacing what the bot pushed before, never a
 * person's commits) and opens or updates the one merge request, with its labels, reviewers and
 * approval status.
 */
export async function publishPlan(ctx: RunContext, open: MergeRequest | undefined, plan: PlanToPublish): Promise<{ result: 'opened' | 'updated'; mergeRequestUrl: string }> {
  const { config, forge, repo, templates, log } = ctx;
  const branch = open?.branch ?? branchNameForPlan(config.branchPrefix, plan.id);
  const content = {
    title: templates.title(plan.view),
    body: templates.body(plan.view, {
      defaultBranch: ctx.defaultBranch,
      requiredApprovals: config.requiredApprovals,
      approvers: config.approvers,
      gated: config.gated,
      maxLength: forge.bodyLimit,
      fleet: plan.fleet,
    }),
  };
  const sha = await repo.publish({
    branch,
    from: ctx.defaultBranch,
    files: plan.files,
    message: content.title,
    replacing: open ? await repo.resolve(`origin/${open.branch}`) : undefined,
  });
  const mr = open
    ? await forge.updateMergeRequest(open, content)
    : await forge.openMergeRequest({ branch, baseBranch: ctx.defaultBranch, ...content });
  await forge.setLabels(mr, {
    add: [config.labels.change, ...(plan.destructive ? [config.labels.destructive] : [])],
    remove: plan.destructive ? [] : [config.labels.destructive],
  });
  if (plan.destructive && config.reviewers.length > 0) {
    const asked = await forge.requestReviewers(mr, config.reviewers);
    log(`asked ${asked.join(', ') || 'nobody'} to review ${mr.url}`);
  }
  await refreshApprovalStatus(forge, config, mr, sha, plan.destructive);
  return { result: open ? 'updated' : 'opened', mergeRequestUrl: mr.url };
}
