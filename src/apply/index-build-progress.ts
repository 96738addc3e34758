import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../db/connect.js';

interface Progress {
  phase: string;
  lockers_total: string;
  lockers_done: string;
  current_locker_pid: number;
  blocks_total: string;
  blocks_done: string;
  tuples_total: string;
  tuples_done: string;
}

/**
 * Runs `build` while logging how far session `pid`'s index build has come, from
 * pg_stat_progress_create_index on a connection of its own, every `everyMs`: a concurrent build
 * may wait minutes for old transactions, and a silent apply looks hung. Watching never fails the
 * build: a watcher that cannot connect or query just stops.
 */
export async function watchingIndexBuild(url: string, pid: number, log: (message: string) => void, build: () => Promise<void>, everyMs = 3000): Promise<void> {
  const stop = new AbortController();
  const watching = (async () => {
    const db = await connect(url);
    try {
      for (;;) {
        await sleep(everyMs, undefined, { signal: stop.signal });
        const { rows } = await db.query<Progress>(
          `SELECT phase, lockers_total, lockers_done, current_locker_pid, blocks_total, blocks_done, tuples_total, tuples_done
           FROM pg_catalog.pg_stat_progress_create_index WHERE pid = $1`,
          [pid],
        );
        if (rows[0]) log(describeProgress(rows[0]));
      }
    } finally {
      await db.close();
    }
  })().catch(() => undefined);
  try {
    await build();
  } finally {
    stop.abort();
    await watching;
  }
}

function describeProgress(p: Progress): string {
  const parts = [`index build: ${p.phase}`];
  if (Number(p.lockers_total) > 0) {
    parts.push(`transactions ${p.lockers_done} of ${p.lockers_total}${p.current_locker_pid ? ` (waiting for pid ${p.current_locker_pid})` : ''}`);
  }
  if (Number(p.blocks_total) > 0) parts.push(`blocks ${p.blocks_done} of ${p.blocks_total}`);
  if (Number(p.tuples_total) > 0) parts.push(`tuples ${p.tuples_done} of ${p.tuples_total}`);
  return parts.join(', ');
}
