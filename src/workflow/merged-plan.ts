import { createHash } from 'node:crypto';
import type { Config } from '../config/options.js';
import type { MergeRequest } from '../forge/forge.js';
import { PushRefused } from '../git/repository.js';
import { HazardRefusedError } from '../engine/errors.js';
import { GATE_CLASS_WORDS, gateReasons, type Gate } from '../plan/gate.js';
import type { Plan } from '../plan/plan-file.js';
import { countedApprovals } from './approvals.js';
import type { RunContext } from './context.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
import { commentOnce } from './comment-once.js';

/**
 * The settings that gate a merged plan: those of the default branch just before the merge that
 * brought `file` (the plan file, or a fleet's manifest), so that a merge request cannot lower its
 * own bar (required approvals, approvers, a fleet's targets and waves) by editing
 * `.schema-bot.yml` alongside the plan.
 */
export async function gateSettings(ctx: RunContext, file: string): Promise<Config> {
  const before = await ctx.repo.beforeAdded(`origin/${ctx.defaultBranch}`, file);
  if (!before) {
    throw new Error(`cannot find ${ctx.defaultBranch} as it was before ${file} was merged, whose settings gate the plan (a shallow clone? fetch the whole history)`);
  }
  return ctx.configAt(before);
}

/** Whether `plan`, as merged at `file`, is byte for byte the file on the merge request's head. */
async function approvedFile(ctx: RunContext, mr: MergeRequest, file: string, plan: Plan): Promise<boolean> {
  const { repo } = ctx;
  const onHead = async () => repo.show(mr.headSha, file);
  // A squash or rebase merge leaves the head off the default branch: it is on the merge request's branch.
  const text = mr.headSha ? ((await onHead()) ?? (await repo.fetch(mr.branch).then(onHead, () => undefined))) : undefined;
  return text !== undefined && createHash('sha256').update(text).digest('hex') === plan.sha256;
}

/**
 * What apply asks, once it has read a database and before anything runs, when the plan's
 * statements are of a gated class: the merge request's approvals must be there, by the bar of
 * `bar`, for the very file merged at `file`. Otherwise it comments once why and throws
 * HazardRefusedError. `onGated` hears of every gated plan, approved or not.
 */
export function approvalGate(ctx: RunContext, mr: MergeRequest | undefined, bar: Config, file: string, plan: Plan, onGated: () => void) {
  const { forge, templates, log } = ctx;
  const id = plan.header.id;
  return async (gate: Gate) => {
    onGated();
    // An approval is of the file on the merge request's head: a plan file that differs from it
    // (edited after the approvals, or on the default branch after the merge) has none.
    const approved = mr !== undefined && (await approvedFile(ctx, mr, file, plan));
    const approvedBy = mr && approved ? await countedApprovals(forge, mr, mr.headSha, bar) : [];
    const missing = bar.requiredApprovals - approvedBy.length;
    if (missing <= 0) return;
    const reason = gate.gated.map((k) => GATE_CLASS_WORDS[k]).join(', ');
    const changedFrom = mr && !approved ? mr.headSha.slice(0, 12) || `the head of ${mr.branch}` : undefined;
    const refusal = { planId: id, reason, required: bar.requiredApprovals, approvers: bar.approvers, approvedBy, missing, defaultBranch: ctx.defaultBranch, changedFrom, file };
    if (mr) await commentOnce(forge, mr, templates.comment('apply-refused', refusal));
    if (changedFrom) log(`${file} on ${ctx.defaultBranch} is not the file approved on ${changedFrom}; no approval counts for it`);
    throw new HazardRefusedError(`${id} ${gateReasons(gate)} and has ${approvedBy.length} of ${bar.requiredApprovals} required approval(s); nothing applied`);
  };
}

/**
 * Takes the applied plan's files (pending.sql, or a fleet's manifest and plan files) off the
 * default branch, so the next run plans again; `what` names them in messages. Where the bot may
 * not push (a protected branch), a small merge request does it instead; its URL is returned.
 */
export async function removePlan(ctx: RunContext, id: string, what: string, files: string[] = [what]): Promise<string | undefined> {
  const { config, forge, repo } = ctx;
  const message = `Applied ${id}: remove ${what}`;
  try {
    await repo.removeFiles(ctx.defaultBranch, files, message);
    return undefined;
  } catch (error) {
    if (!(error instanceof PushRefused)) throw error;
    ctx.log(`${ctx.defaultBranch} refused the bot's push; opening a merge request that removes ${what}`);
  }
  const branch = `${branchNameForPlan(config.branchPrefix, id)}-cleanup`;
  const existing = await forge.findMergeRequestByBranch(branch);
  if (existing?.state === 'open') return existing.url;
  await repo.removeFiles(ctx.defaultBranch, files, message, { to: branch });
  const mr = await forge.openMergeRequest({
    branch,
    baseBranch: ctx.defaultBranch,
    title: `Remove the applied ${what} (${id})`,
    body: `\`${id}\` has been applied. Merge this to take \`${what}\` off \`${ctx.defaultBranch}\`; until then each run finds the plan already applied and does nothing.`,
  });
  return mr.url;
}
