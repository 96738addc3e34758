import { ledgerHolds } from '../apply/ledger.js';
import { makePlan } from '../plan/make-plan.js';
import type { RunContext } from './context.js';
import type { PlanKind } from './plan-kind.js';
import { readPlanOnBranch } from './plan-on-branch.js';
import { planView } from './plan-view.js';
import { planSettings } from './run-settings.js';
import { singleDatabase } from './single-database.js';

/** One database (DATABASE_URL) and one plan file (pending.sql). */
export function singleDatabasePlan(ctx: RunContext): PlanKind {
  const { config, repo, log } = ctx;
  const databaseUrl = singleDatabase(ctx);
  return {
    where: 'production',
    async onBranch(branch) {
      const plan = await readPlanOnBranch(repo, branch, config.pendingFile, log);
      return plan && { id: plan.header.id, plans: new Map([[config.pendingFile, plan]]), extra: {} };
    },
    applied: (id) => ledgerHolds(databaseUrl, id),
    async make(id) {
      const made = await makePlan({ ...(await planSettings(ctx, id)), databaseUrl, file: config.pendingFile });
      if (!made.plan) return undefined;
      const plan = made.plan.file;
      return {
        id,
        plans: new Map([[config.pendingFile, plan]]),
        extra: {},
        view: planView({ ...plan.header, text: plan.text }, made.actions, config.pendingFile, made.failures, made.risk),
        destructive: made.plan.gate.needsApproval,
      };
    },
  };
}
