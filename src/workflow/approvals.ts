import type { Config } from '../config/options.js';
import type { CommitStatus, Forge, MergeRequest } from '../forge/forge.js';

export const APPROVAL_STATUS = 'schema-bot/destructive-approval';

/**
 * The approvals that count for a plan of a gated class on `head`: those of the configured
 * approvers, or of anyone when none are configured (the forge already leaves out approvals of
 * another head, without write access, by the bot or by an author of the branch). `config` is the
 * default branch's, never the merge request's own.
 */
export async function countedApprovals(forge: Forge, mr: MergeRequest, head: string, config: Config): Promise<string[]> {
  const approvers = new Set(config.approvers.map((a) => a.toLowerCase()));
  return (await forge.approvals(mr, head)).filter((user) => approvers.size === 0 || approvers.has(user.toLowerCase()));
}

/** The commit status that keeps a plan that needs approval from looking ready before its approvals exist. */
export function approvalStatus(destructive: boolean, approvedBy: string[], required: number): CommitStatus {
  if (!destructive) return { context: APPROVAL_STATUS, state: 'success', description: 'no statement of a gated class; no extra approval needed' };
  const missing = Math.max(0, required - approvedBy.length);
  return missing === 0
    ? { context: APPROVAL_STATUS, state: 'success', description: `approved by ${approvedBy.join(', ') || 'nobody needed'}` }
    : { context: APPROVAL_STATUS, state: 'pending', description: `the plan needs approval: ${missing} more approval(s) needed` };
}

/** Sets the approval status of `sha` from the approvals that count now. */
export async function refreshApprovalStatus(forge: Forge, config: Config, mr: MergeRequest, sha: string, destructive: boolean): Promise<void> {
  const approvedBy = destructive ? await countedApprovals(forge, mr, sha, config) : [];
  await forge.setCommitStatus(sha, approvalStatus(destructive, approvedBy, config.requiredApprovals));
}
