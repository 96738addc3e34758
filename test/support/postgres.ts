import { randomBytes } from 'node:crypto';
import { connect, type Connection } from '../../src/db/connect.js';
import { quoteIdent } from '../../src/sql/quote.js';

/** The server tests run against; global-setup points it at a throwaway server when needed. */
export function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string, server = serverUrl()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, empty database for one test on `server` (the tests' server unless another is named);
 * drop() removes it (also if sessions are still open).
 */
export async function createDatabase(prefix = 'test', server = serverUrl()): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await connect(server);
  try {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
  } finally {
    await admin.close();
  }
  return {
    name,
    url: databaseUrl(name, server),
    drop: async () => {
      const a = await connect(server);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}

/** Runs `fn` with a connection to `url`, closing it afterwards. */
export async function withConnection<T>(url: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const c = await connect(url);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}
