import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURATION_SHAPE, parseDuration } from '../../src/config/duration.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Connection } from '../../src/db/connect.js';
import { connect } from '../../src/db/connect.js';
import { serverUrl } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

/** Accepted durations and the milliseconds they stand for. */
const ACCEPTED: [string, number][] = [
  ['0', 0], ['0s', 0], ['0.0', 0], ['500ms', 500], ['5s', 5000], ['5 s', 5000], ['2min', 120_000], ['1h', 3_600_000], ['30min', 1_800_000],
  // Fractions, rounded half to even as the server rounds them.
  ['1.5s', 1500], ['1.5min', 90_000], ['1.5', 2], ['2.5', 2], ['0.6ms', 1], ['1500us', 2], ['2500us', 2], ['24d', 2_073_600_000],
];
const MALFORMED = ['soon', '', '-1s', '5S', '5sec', '1e3', '.5s', '5.s', ' 5s', '5s ', '1,5s', '5 ms 2'];
const ROUNDS_TO_NONE = ['500us', '0.5ms', '0.4ms', '0.0001s'];
const TOO_LONG = ['25d', '24.9d', '2147483648ms', '2147483648'];

let server: Connection;
beforeAll(async () => {
  server = await connect(serverUrl());
});
afterAll(async () => {
  await server.close();
});

/** What PostgreSQL makes of `text` as lock_timeout: milliseconds, or its refusal. */
async function asLockTimeout(text: string): Promise<number | string> {
  try {
    await server.query(`SELECT set_config('lock_timeout', $1, false)`, [text]);
    const { rows } = await server.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'lock_timeout'`);
    return Number(rows[0]!.setting);
  } catch (error) {
    return (error as Error).message;
  }
}

describe('a duration setting', () => {
  it('means what PostgreSQL makes of it: 1.5s is 1500 ms, 1.5 is 2 ms', async () => {
    for (const [text, ms] of ACCEPTED) {
      expect(parseDuration(text), text).toEqual({ ms });
      expect(await asLockTimeout(text), text).toBe(ms);
    }
  });

  it('refuses what is not a number and a unit, saying what one looks like', () => {
    for (const text of MALFORMED) expect(parseDuration(text), text).toEqual({ problem: DURATION_SHAPE });
  });

  it('refuses a duration that PostgreSQL would round to 0, which turns the timeout off', async () => {
    for (const text of ROUNDS_TO_NONE) {
      expect(parseDuration(text), text).toEqual({ problem: expect.stringContaining('rounds to 0ms, which PostgreSQL reads as no timeout at all') });
      expect(await asLockTimeout(text), text).toBe(0);
    }
  });

  it('refuses a duration past the server\'s limit, which it would refuse only once apply runs', async () => {
    for (const text of TOO_LONG) {
      expect(parseDuration(text), text).toEqual({ problem: expect.stringContaining('must be at most 2147483647ms') });
      expect(await asLockTimeout(text), text).toEqual(expect.any(String));
    }
  });

  it('is read alike from .schema-bot.yml, the environment and a flag', async () => {
    const dir = await tempDir({ 'good.yml': 'lock_timeout: 1.5s\nindex_wait_timeout: 90\n', 'bad.yml': 'statement_timeout: 500us\n' });
    try {
      const config = await loadConfig({ cwd: dir.path, env: { SCHEMA_BOT_STATEMENT_TIMEOUT: '2.5s' }, flags: { config: 'good.yml' } });
      expect(config).toMatchObject({ lockTimeout: '1.5s', statementTimeout: '2.5s', indexWaitTimeout: '90' });
      await expect(loadConfig({ cwd: dir.path, env: {}, flags: { config: 'bad.yml' } })).rejects.toThrow(`${path.join(dir.path, 'bad.yml')}:1:20: statement_timeout: rounds to 0ms`);
      await expect(loadConfig({ cwd: dir.path, env: { SCHEMA_BOT_STATEMENT_TIMEOUT: '30d' } })).rejects.toThrow(/SCHEMA_BOT_STATEMENT_TIMEOUT: must be at most 2147483647ms/);
      await expect(loadConfig({ cwd: dir.path, env: {}, flags: { 'statement-timeout': 'later' } })).rejects.toThrow(`--statement-timeout: ${DURATION_SHAPE}`);
    } finally {
      await dir.remove();
    }
  });
});
