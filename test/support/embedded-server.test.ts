import { access } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from './embedded-server.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the throwaway PostgreSQL the test bootstrap starts when none answers', () => {
  it('starts, answers queries, and leaves no process or directory behind', async () => {
    const server = await startEmbeddedServer();
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: string }>('select version()');
        expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    expect(alive(server.pid)).toBe(false);
    await expect(access(server.dir)).rejects.toThrow();
  }, 20_000);
});
