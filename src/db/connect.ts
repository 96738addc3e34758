import pg from 'pg';
import type { Queryable } from '../catalog/queryable.js';
import { redactUrl } from './redact.js';

export interface Connection extends Queryable {
  /** Runs a script of several statements in one round trip (simple query protocol). */
  exec(sql: string): Promise<void>;
  serverVersion(): Promise<number>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}

/** Opens one connection; a failure names the server without its password. */
export async function connect(url: string): Promise<Connection> {
  const c = new pg.Client({ connectionString: url, application_name: 'schema-bot' });
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(`cannot connect to ${redactUrl(url)}: ${reason}`);
  }
  return {
    query: async <Row>(sql: string, params?: unknown[]) => {
      const result = await c.query(sql, params as unknown[]);
      return { rows: result.rows as Row[] };
    },
    exec: async (sql: string) => {
      await c.query(sql);
    },
    serverVersion: async () => {
      const { rows } = await c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
      return Number(rows[0]!.v);
    },
    close: () => c.end(),
  };
}
