import type { LockWaits } from '../engine/lock-retries.js';
import type { RunContext } from './context.js';

/** How the bot waits for production's locks, in its reads as in apply: lock_timeout as configured, the run's retries. */
export function lockWaits(ctx: RunContext): LockWaits {
  return { lockTimeout: ctx.config.lockTimeout, lockRetries: ctx.lockRetries, backoffMs: ctx.backoffMs };
}
