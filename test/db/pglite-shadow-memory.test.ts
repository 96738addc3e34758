import { expect, it } from 'vitest';
import { openPgliteShadow, pristinePgliteDataDir } from '../../src/db/pglite-shadow.js';

/**
 * The embedded shadow takes its shared buffers out of the process's memory; a schema without rows
 * needs few, so it starts with 16 MB instead of PostgreSQL's 128 MB (README: "Memory and speed").
 */
it('starts the embedded shadow with small shared buffers, also from the kept data directory', async () => {
  const first = await openPgliteShadow([], [], () => {});
  try {
    expect((await first.db.query<{ s: string }>(`SELECT current_setting('shared_buffers') AS s`)).rows).toEqual([{ s: '16MB' }]);
  } finally {
    await first.dispose();
  }
  await pristinePgliteDataDir();
  const later = await openPgliteShadow([], [], () => {});
  try {
    expect((await later.db.query<{ s: string }>(`SELECT current_setting('shared_buffers') AS s`)).rows).toEqual([{ s: '16MB' }]);
  } finally {
    await later.dispose();
  }
}, 60_000);
