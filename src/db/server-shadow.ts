import { randomBytes } from 'node:crypto';
import { quoteIdent } from '../sql/quote.js';
import { connect } from './connect.js';
import { registerCleanup } from './exit-cleanup.js';
import { redactUrl } from './redact.js';
import type { Shadow } from './shadow.js';

/**
 * A temporary database on a real server. It is dropped on dispose, on failure, and on
 * SIGINT/SIGTERM; WITH (FORCE) ends any session still inside it.
 */
export async function openServerShadow(url: string): Promise<Shadow> {
  const admin = await connect(url);
  const name = `schema_bot_shadow_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  let inner: Awaited<ReturnType<typeof connect>> | undefined;
  let unregister = () => {};
  const drop = async () => {
    await inner?.close().catch(() => undefined);
    await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  };
  try {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
    unregister = registerCleanup(async () => {
      await drop().catch(() => undefined);
      await admin.close().catch(() => undefined);
    });
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${encodeURIComponent(name)}`;
    inner = await connect(dbUrl.toString());
    const conn = inner;
    // The shadow is dropped after one read: a commit need not wait for its WAL to reach disk, and
    // every batch of a schema load is a commit of its own.
    await conn.exec('SET synchronous_commit = off');
    const version = await conn.serverVersion();
    return {
      db: conn,
      serverVersion: version,
      description: `database ${name} on ${redactUrl(url)}`,
      dispose: async () => {
        try {
          await drop();
        } finally {
          unregister();
          await admin.close().catch(() => undefined);
        }
      },
    };
  } catch (error) {
    await drop().catch(() => undefined);
    unregister();
    await admin.close().catch(() => undefined);
    throw error;
  }
}
