import type { ApplyOptions } from '../apply/apply-plan.js';
import { driftExplainer } from '../apply/explain-drift.js';
import type { Config } from '../config/options.js';
import type { PlanRequest } from '../plan/make-plan.js';
import type { RunContext } from './context.js';
import { lockWaits } from './lock-waits.js';
import { schemaPaths } from './schema-paths.js';

/** What every plan of a run is made with from the settings and the checkout, whatever it is made against. */
export async function planSettings(ctx: RunContext, id: string): Promise<Omit<PlanRequest, 'databaseUrl' | 'file'> & { id: string }> {
  const { config } = ctx;
  return {
    shadowUrl: ctx.shadowUrl,
    schemaPath: schemaPaths(ctx),
    source: (await ctx.repo.resolve('HEAD')) ?? 'none',
    now: ctx.now,
    id,
    online: config.online,
    lockWaits: lockWaits(ctx),
    probeMaxRows: config.probeMaxRows,
    smallTableRows: config.risk.smallTableRows,
    gated: config.gated,
    log: ctx.log,
  };
}

type ApplySettings = Pick<ApplyOptions, 'shadowUrl' | 'gated' | 'lockTimeout' | 'statementTimeout' | 'indexWaitTimeout' | 'lockRetries' | 'backoffMs' | 'appliedBy' | 'explainDrift'>;

/** How every apply of a run waits and is recorded; `bar` (the settings before the merge) says what is gated. */
export function applySettings(ctx: RunContext, bar: Config): ApplySettings {
  const { config } = ctx;
  return {
    shadowUrl: ctx.shadowUrl,
    gated: bar.gated,
    lockTimeout: config.lockTimeout,
    statementTimeout: config.statementTimeout,
    indexWaitTimeout: config.indexWaitTimeout,
    lockRetries: ctx.lockRetries,
    backoffMs: ctx.backoffMs,
    appliedBy: ctx.appliedBy,
    explainDrift: driftExplainer({ schemaPath: schemaPaths(ctx), shadowUrl: ctx.shadowUrl }, ctx.log),
  };
}
