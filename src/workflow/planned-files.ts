import type { Plan } from '../plan/plan-file.js';
import type { FleetView, PlanView } from '../templates/plan-view.js';
import { samePlan } from './plan-on-branch.js';

/**
 * A plan as the bot branch carries it: one plan file (pending.sql), or a fleet's plan files with
 * their manifest. What a run compares with the branch, and what it publishes.
 */
export interface PlannedFiles {
  id: string;
  /** Path in the repository → the plan file as parsed. */
  plans: Map<string, Plan>;
  /** Other files the plan carries (a fleet's manifest): path → content, compared as text. */
  extra: Record<string, string>;
}

/** A freshly made plan: its files, and what the merge request shows of it. */
export interface MadeFiles extends PlannedFiles {
  view: PlanView;
  destructive: boolean;
  fleet?: FleetView;
}

/** Path → content of every file the plan carries. */
export const filesOf = (planned: PlannedFiles): Record<string, string> => ({
  ...Object.fromEntries([...planned.plans].map(([path, plan]) => [path, plan.text])),
  ...planned.extra,
});

const samePaths = (a: PlannedFiles, b: PlannedFiles) => a.plans.size === b.plans.size && [...a.plans.keys()].every((p) => b.plans.has(p));

/** Whether the branch already carries this plan: the same files doing the same (samePlan), the same manifest. */
export function sameFiles(a: PlannedFiles, b: PlannedFiles): boolean {
  return samePaths(a, b) && [...a.plans].every(([p, plan]) => samePlan(plan, b.plans.get(p)!)) && JSON.stringify(a.extra) === JSON.stringify(b.extra);
}

/** Whether both lead the same files from the same bases to the same targets, whatever their statements. */
export function sameChange(a: PlannedFiles, b: PlannedFiles): boolean {
  return samePaths(a, b) && [...a.plans].every(([p, plan]) => plan.header.base === b.plans.get(p)!.header.base && plan.header.target === b.plans.get(p)!.header.target);
}
