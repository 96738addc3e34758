import { setTimeout as sleep } from 'node:timers/promises';
import { LockBusyError } from './errors.js';

const LOCK_NOT_AVAILABLE = '55P03';

/** How long a statement waits for a lock, and how often it is tried again once it gave up. */
export interface LockWaits {
  /** A PostgreSQL interval, e.g. `5s`. */
  lockTimeout: string;
  /** How often what ran out of lock_timeout is tried again. */
  lockRetries: number;
  /** The first pause before a retry; each next one doubles. */
  backoffMs: number;
}

/**
 * How everything waits for locks unless told otherwise: the lock_timeout setting's default
 * (config/options.ts takes it from here), and apply's retries. Catalog reads of commands that have
 * no lock_timeout setting wait so.
 */
export const READ_LOCK_WAITS: LockWaits = { lockTimeout: '5s', lockRetries: 3, backoffMs: 1000 };

export interface GivingUp {
  /** Words what kept waiting, from the last attempt's error (the statement, who holds the lock). */
  what(error: Error): Promise<string> | string;
  /** What is left once every retry ran out, e.g. `the step was rolled back`. */
  left: string;
  /** Clears what an interrupted attempt left behind before the next one. */
  beforeRetry?(): Promise<void>;
}

/**
 * Runs `run` again when lock_timeout ran out, pausing longer each time, up to the retry limit;
 * then fails with LockBusyError (exit 6). Everything schema-bot reads or changes in production
 * waits for locks through this, so no command hangs behind a lock and all give up alike.
 */
export async function withLockRetries<T>(waits: LockWaits, log: (message: string) => void, run: () => Promise<T>, giving: GivingUp): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      if (attempt >= waits.lockRetries) {
        const what = await giving.what(error as Error);
        throw new LockBusyError(`${what}: still locked after ${attempt + 1} attempt(s) with lock_timeout ${waits.lockTimeout}; ${giving.left}`);
      }
      const pause = waits.backoffMs * 2 ** attempt;
      log(`lock_timeout (${waits.lockTimeout}) ran out; retrying in ${pause} ms (${attempt + 1}/${waits.lockRetries})`);
      await sleep(pause);
      await giving.beforeRetry?.();
    }
  }
}
