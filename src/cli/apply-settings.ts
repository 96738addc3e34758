import { userInfo } from 'node:os';
import { parseDuration } from '../config/duration.js';
import { DEFAULTS } from '../config/options.js';
import { applyPlan, type ApplyOptions } from '../plan/apply-plan.js';
import { driftExplainer } from '../plan/explain-drift.js';
import type { Plan } from '../plan/plan-file.js';
import { UsageError } from './command.js';
import type { DatabaseSettings } from './common-options.js';

/** Options apply and sync share: how long to wait for locks and statements. */
export const TIMING_OPTIONS = {
  'lock-timeout': { type: 'string', default: '5s' },
  'lock-retries': { type: 'string', default: '3' },
  'statement-timeout': { type: 'string', default: '0' },
  'index-wait-timeout': { type: 'string', default: DEFAULTS.indexWaitTimeout },
} as const;

export const TIMING_OPTIONS_HELP = `  --lock-timeout T     lock_timeout of every statement (default: 5s); a step that runs out is
                       rolled back and retried after 1 s, 2 s, 4 s, …
  --lock-retries N     retries after lock_timeout before giving up (default: 3)
  --statement-timeout T  statement_timeout of every statement (default: 0, none)
  --index-wait-timeout T lock_timeout of CREATE INDEX CONCURRENTLY, which waits for every older
                       transaction and starts over when cancelled; its progress is printed every
                       few seconds (default: ${DEFAULTS.indexWaitTimeout})`;

/**
 * The one spelling, for apply and sync, of allowing gated classes of statements. (sync also takes
 * --allow-data-loss, the older spelling of `--allow-hazards data-loss`.)
 */
export const ALLOW_HAZARDS_OPTION = { 'allow-hazards': { type: 'string', default: '' } } as const;

/** The classes --allow-hazards names. */
export function allowedHazards(values: { 'allow-hazards'?: string }): Set<string> {
  return new Set(values['allow-hazards']!.split(',').map((k) => k.trim()).filter(Boolean));
}

type TimingValues = { 'lock-timeout'?: string; 'lock-retries'?: string; 'statement-timeout'?: string; 'index-wait-timeout'?: string };

export function timing(values: TimingValues): Pick<ApplyOptions, 'lockTimeout' | 'statementTimeout' | 'indexWaitTimeout' | 'lockRetries' | 'backoffMs'> {
  for (const key of ['lock-timeout', 'statement-timeout', 'index-wait-timeout'] as const) {
    const parsed = parseDuration(values[key]!);
    if ('problem' in parsed) throw new UsageError(`--${key} ${parsed.problem}, not "${values[key]}"`);
  }
  const lockRetries = Number(values['lock-retries']);
  if (!Number.isInteger(lockRetries) || lockRetries < 0) throw new UsageError(`--lock-retries must be a whole number, not "${values['lock-retries']}"`);
  return {
    lockTimeout: values['lock-timeout']!,
    statementTimeout: values['statement-timeout']!,
    indexWaitTimeout: values['index-wait-timeout']!,
    lockRetries,
    backoffMs: 1000,
  };
}

/** Who applies, as CI systems name the person behind a run; the OS user otherwise. */
export function actor(env: NodeJS.ProcessEnv): string {
  return env.SCHEMA_BOT_ACTOR || env.GITHUB_ACTOR || env.GITLAB_USER_LOGIN || userInfo().username;
}

/** Applies a plan with the command line's settings (apply and sync) and says how it went. */
export async function applyWithSettings(
  plan: Plan,
  gate: Pick<ApplyOptions, 'gated' | 'authorize'>,
  settings: DatabaseSettings,
  values: TimingValues,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  resumeAfterStep?: number,
): Promise<void> {
  const outcome = await applyPlan({
    databaseUrl: settings.databaseUrl,
    shadowUrl: settings.shadowUrl,
    plan,
    ...gate,
    ...timing(values),
    appliedBy: actor(env),
    explainDrift: driftExplainer(settings, log),
    log,
    resumeAfterStep,
  });
  log(`${plan.header.id}: ${outcome}`);
}
