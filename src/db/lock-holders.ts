import { qualify } from '../sql/quote.js';
import { connect } from './connect.js';

/**
 * Who keeps a catalog read of this database waiting, in words (`public.t, locked (ACCESS
 * EXCLUSIVE) by pid 42`): ACCESS EXCLUSIVE is the one lock
 * mode that conflicts with the ACCESS SHARE a read takes, held (or queued for, which makes later
 * readers queue too) by another session on a table the catalog shows. Asked on a connection of
 * its own once the read gave up: by then the reader waits for nothing, so pg_blocking_pids of its
 * session is empty.
 */
export async function describeLockHolders(url: string, readerPid: number): Promise<string> {
  const db = await connect(url);
  try {
    const { rows } = await db.query<{ schema: string; name: string; pid: number; granted: boolean }>(
      `SELECT n.nspname AS schema, c.relname AS name, l.pid, l.granted
       FROM pg_catalog.pg_locks l
       JOIN pg_catalog.pg_class c ON c.oid = l.relation
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.pid <> $1 AND c.relpersistence <> 't'
         AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
       ORDER BY l.granted DESC, n.nspname, c.relname, l.pid`,
      [readerPid],
    );
    if (!rows.length) return 'a lock that is gone by now';
    return rows.map((r) => `${qualify(r.schema, r.name)}, ${r.granted ? 'locked' : 'with a lock queued'} (ACCESS EXCLUSIVE) by pid ${r.pid}`).join('; ');
  } finally {
    await db.close();
  }
}
