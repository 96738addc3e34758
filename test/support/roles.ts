import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { quoteIdent } from '../../src/sql/quote.js';
import { serverUrl, withConnection } from './postgres.js';

/**
 * Roles are cluster-wide, so a test file makes its own, with a random suffix so that files running
 * side by side never share one, and drops them when it is done. Returns the names, ready in tests.
 */
export function testRoles(...prefixes: string[]): string[] {
  const suffix = randomBytes(4).toString('hex');
  const names = prefixes.map((p) => `${p}_${suffix}`);
  beforeAll(() => withConnection(serverUrl(), async (c) => {
    for (const name of names) await c.exec(`CREATE ROLE ${quoteIdent(name)}`);
  }));
  afterAll(() => withConnection(serverUrl(), async (c) => {
    for (const name of names) {
      await c.exec(`DROP OWNED BY ${quoteIdent(name)}`).catch(() => undefined);
      await c.exec(`DROP ROLE IF EXISTS ${quoteIdent(name)}`);
    }
  }));
  return names;
}
