import { ledgerHolds } from '../apply/ledger.js';
import { makePlan } from '../plan/make-plan.js';
import type { RunContext } from './context.js';
import { lockWaits } from './lock-waits.js';
import type { PlanKind } from './plan-kind.js';
import { readPlanOnBranch } from './plan-on-branch.js';
import { planView } from './plan-view.js';
import { schemaPaths } from './schema-paths.js';
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
      const made = await makePlan({
        databaseUrl,
        shadowUrl: ctx.shadowUrl,
        schemaPath: schemaPaths(ctx),
        source: (await repo.resolve('HEAD')) ?? 'none',
        now: ctx.now,
        id,
        online: config.online,
        lockWaits: lockWaits(ctx),
        probeMaxRows: config.probeMaxRows,
        smallTableRows: config.risk.smallTableRows,
        file: config.pendingFile,
        gated: config.gated,
        log,
      });
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
