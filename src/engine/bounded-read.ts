import type { Connection } from '../db/connect.js';
import { describeLockHolders } from '../db/lock-holders.js';
import { withLockRetries, type LockWaits } from './lock-retries.js';

/**
 * Reads from production (its catalog, its sequences) without hanging behind a table someone holds
 * ACCESS EXCLUSIVE on: the session's lock_timeout bounds each wait, a read that ran out is made
 * again (readCatalog opens a new transaction, so a new snapshot, each time), and after the last
 * retry LockBusyError names the tables and the sessions holding them. `url` is the database `db`
 * is connected to, for a connection of its own that asks who holds the lock.
 */
export async function boundedRead<T>(db: Connection, url: string, waits: LockWaits, log: (message: string) => void, read: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pg_catalog.pg_backend_pid() AS pid, pg_catalog.set_config('lock_timeout', $1, false)`,
    [waits.lockTimeout],
  );
  return withLockRetries(waits, log, read, {
    what: async () => {
      const holders = await describeLockHolders(url, rows[0]!.pid).catch(() => 'a lock whose holder could not be looked up');
      return `the catalog read waited behind ${holders}`;
    },
    left: 'nothing was read',
    // In pipeline mode the queries queued behind the one that ran out fail after it, and the read's
    // own ROLLBACK can land among them and be refused: by now they have all settled, so this one
    // ends the aborted transaction before the next attempt begins its own.
    beforeRetry: async () => {
      await db.query('ROLLBACK').catch(() => undefined);
    },
  });
}
