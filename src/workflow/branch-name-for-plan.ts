/**
 * The branch that carries a plan: the configured prefix and the plan id's UTC time, so the apply
 * phase finds the merged merge request from pending.sql alone. With the default prefix the branch
 * and the plan id are the same (`change-schema-20261124T050607Z`).
 */
export function branchNameForPlan(prefix: string, planId: string): string {
  return `${prefix}${planId.replace(/^change-schema-/, '')}`;
}
