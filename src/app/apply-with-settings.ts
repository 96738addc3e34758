import { applyPlan, type ApplyOptions, type ApplyOutcome } from '../apply/apply-plan.js';
import { driftExplainer } from '../apply/explain-drift.js';
import type { Plan } from '../plan/plan-file.js';
import { actor } from './actor.js';
import type { DatabaseSettings, Timing } from './settings.js';

/**
 * Applies a plan file with resolved settings (the command line's apply and sync, the Action's
 * apply): who applies is the actor, drift is explained against the schema files.
 */
export async function applyWithSettings(
  plan: Plan,
  gate: Pick<ApplyOptions, 'gated' | 'authorize' | 'resumeAfterStep'>,
  databases: DatabaseSettings,
  timing: Timing,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<ApplyOutcome> {
  return applyPlan({
    databaseUrl: databases.databaseUrl,
    shadowUrl: databases.shadowUrl,
    plan,
    ...gate,
    ...timing,
    appliedBy: actor(env),
    explainDrift: driftExplainer(databases, log),
    log,
  });
}
