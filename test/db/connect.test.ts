import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { serverUrl } from '../support/postgres.js';

/** Process warnings raised while a test runs: node-postgres deprecates queueing queries itself. */
let warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.message);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

describe.each([false, true])('a connection with pipeline %s', (pipeline) => {
  it('answers queries sent all at once, each with its own rows, one failure failing only itself', async () => {
    const db = await connect(serverUrl(), { pipeline });
    try {
      // The first sleeps longest: answers arriving out of order would show in the numbers.
      const queries = [30, 20, 10, 0].map((ms, n) => db.query<{ n: number }>(`SELECT pg_sleep(${ms / 1000}), $1::int AS n`, [n]));
      const failing = db.query('SELECT * FROM no_such_table');
      const after = db.query<{ n: number }>('SELECT 4 AS n');
      const answers = await Promise.all(queries);
      expect(answers.map((a) => a.rows[0]!.n)).toEqual([0, 1, 2, 3]);
      await expect(failing).rejects.toThrow(/no_such_table/);
      expect((await after).rows).toEqual([{ n: 4 }]);
      // Let a warning emitted on the last query's tick reach the listener.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('client.query'))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('hands rows one by one in order, between queries sent around it, and survives a throwing handler', async () => {
    const db = await connect(serverUrl(), { pipeline });
    try {
      const seen: number[] = [];
      const before = db.query<{ n: number }>('SELECT pg_sleep(0.02), 1 AS n');
      const streamed = db.forEachRow<{ n: number }>('SELECT n FROM generate_series(1, $1::int) AS n', [50000], (row) => {
        seen.push(row.n);
      });
      const throwing = db.forEachRow<{ n: number }>('SELECT n FROM generate_series(1, 10) AS n', undefined, (row) => {
        if (row.n === 3) throw new Error('handler failed at 3');
        seen.push(-row.n);
      });
      const failing = db.forEachRow('SELECT * FROM no_such_table', undefined, () => undefined);
      const after = db.query<{ n: number }>('SELECT 2 AS n');
      expect((await before).rows[0]!.n).toBe(1);
      await streamed;
      expect(seen.slice(0, 50000)).toEqual(Array.from({ length: 50000 }, (_, i) => i + 1));
      await expect(throwing).rejects.toThrow('handler failed at 3');
      // The handler is not called again once it has thrown.
      expect(seen.slice(50000)).toEqual([-1, -2]);
      await expect(failing).rejects.toThrow(/no_such_table/);
      expect((await after).rows).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });
});
