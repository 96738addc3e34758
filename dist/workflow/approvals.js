export const APPROVAL_STATUS = 'schema-bot/destructive-approval';
/**
 * The approvals that count for a plan that loses data: those of the configured approvers, or of
 * anyone but the bot when none are configured (the forge already leaves the bot's out).
 */
export async function countedApprovals(forge, mr, config) {
    const approvers = new Set(config.approvers.map((a) => a.toLowerCase()));
    return (await forge.approvals(mr)).filter((user) => approvers.size === 0 || approvers.has(user.toLowerCase()));
}
/** The commit status that keeps a destructive plan from looking ready before its approvals exist. */
export function approvalStatus(destructive, approvedBy, required) {
    if (!destructive)
        return { context: APPROVAL_STATUS, state: 'success', description: 'the plan loses no data; no extra approval needed' };
    const missing = Math.max(0, required - approvedBy.length);
    return missing === 0
        ? { context: APPROVAL_STATUS, state: 'success', description: `approved by ${approvedBy.join(', ') || 'nobody needed'}` }
        : { context: APPROVAL_STATUS, state: 'pending', description: `the plan deletes data: ${missing} more approval(s) needed` };
}
/** Sets the approval status of `sha` from the approvals that count now. */
export async function refreshApprovalStatus(forge, config, mr, sha, destructive) {
    const approvedBy = destructive ? await countedApprovals(forge, mr, config) : [];
    await forge.setCommitStatus(sha, approvalStatus(destructive, approvedBy, config.requiredApprovals));
}
//# sourceMappingURL=approvals.js.map