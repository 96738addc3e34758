import { DEFAULTS } from '../config/options.js';
import { READ_LOCK_WAITS } from '../engine/lock-retries.js';

/** Options apply and sync share: how long to wait for locks and statements (app/settings.ts supplies the defaults). */
export const TIMING_OPTIONS = {
  'lock-timeout': { type: 'string' },
  'lock-retries': { type: 'string' },
  'statement-timeout': { type: 'string' },
  'index-wait-timeout': { type: 'string' },
} as const;

export const TIMING_OPTIONS_HELP = `  --lock-timeout T     lock_timeout of every statement (default: ${DEFAULTS.lockTimeout}); a step that runs out is
                       rolled back and retried after 1 s, 2 s, 4 s, …
  --lock-retries N     retries after lock_timeout before giving up (default: ${READ_LOCK_WAITS.lockRetries})
  --statement-timeout T  statement_timeout of every statement (default: ${DEFAULTS.statementTimeout}, none)
  --index-wait-timeout T lock_timeout of CREATE INDEX CONCURRENTLY, which waits for every older
                       transaction and starts over when cancelled; its progress is printed every
                       few seconds (default: ${DEFAULTS.indexWaitTimeout})`;

/**
 * The one spelling, for apply and sync, of allowing gated classes of statements. (sync also takes
 * --allow-data-loss, the older spelling of `--allow-hazards data-loss`.)
 */
export const ALLOW_HAZARDS_OPTION = { 'allow-hazards': { type: 'string' } } as const;
