import { randomBytes } from 'node:crypto';
import { quoteIdent, quoteLiteral } from '../sql/quote.js';
import { connect, DatabaseError } from './connect.js';
import { onDatabase } from './database-url.js';
import { registerCleanup } from './exit-cleanup.js';
import { redactUrl } from '../secrets/redact.js';
import type { Shadow } from './shadow.js';

/**
 * A temporary database on a real server, owned by a role made for it alone: untrusted SQL (schema
 * files, an edited plan) runs as that role, which is no superuser and may do nothing outside the
 * database, so DROP DATABASE of another, ALTER SYSTEM, COPY … PROGRAM and CREATE ROLE fail. It
 * logs in itself rather than being reached by SET ROLE, which the SQL it runs could RESET. The
 * database and the role are dropped on dispose, on failure, and on SIGINT/SIGTERM; WITH (FORCE)
 * ends any session still inside it.
 */
export async function openServerShadow(url: string): Promise<Shadow> {
  const admin = await connect(url);
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const name = `schema_bot_shadow_${suffix}`;
  const role = `schema_bot_sandbox_${suffix}`;
  const password = randomBytes(24).toString('base64url');
  const sessions: Awaited<ReturnType<typeof connect>>[] = [];
  let unregister = () => {};
  const drop = async () => {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
    const dropRole = () => admin.exec(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
    // With the database left, the role that owns it cannot go either: the database's error is the one to tell.
    await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(async (error: unknown) => {
      await dropRole().catch(() => undefined);
      throw error;
    });
    await dropRole();
  };
  try {
    unregister = registerCleanup(async () => {
      await drop().catch(() => undefined);
      await admin.close().catch(() => undefined);
    });
    await admin.exec(
      `CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD ${quoteLiteral(password)} ` +
        'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
    );
    // A --shadow-url role that is no superuser (CREATEDB CREATEROLE) may give a database only to a
    // role it is a member of; membership this way round gives the sandbox nothing.
    await admin.exec(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(role)} TEMPLATE template0`);
    const adminUrl = new URL(onDatabase(url, name));
    const trusted = await connect(adminUrl.toString());
    sessions.push(trusted);
    // Event triggers the schema declares must not fire on this superuser session's own statements.
    await trusted.exec('SET session_replication_role = replica').catch(() => undefined);
    // Before PostgreSQL 15 a new database's public schema belongs to the bootstrap superuser; from
    // 15 on to pg_database_owner, of which the database's owner, the sandbox role, is a member.
    if ((await trusted.serverVersion()) < 150000) await trusted.exec(`ALTER SCHEMA public OWNER TO ${quoteIdent(role)}`);
    const sandboxUrl = new URL(adminUrl);
    sandboxUrl.username = encodeURIComponent(role);
    sandboxUrl.password = encodeURIComponent(password);
    const conn = await connect(sandboxUrl.toString()).catch((error: unknown) => {
      throw loginRefused(url, role, error);
    });
    sessions.push(conn);
    // The shadow is dropped after one read: a commit need not wait for its WAL to reach disk, and
    // every batch of a schema load is a commit of its own.
    await conn.exec('SET synchronous_commit = off');
    const version = await conn.serverVersion();
    return {
      db: conn,
      admin: trusted,
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

/** The server would not let the sandbox role in: say why that role exists and what lets it log in. */
function loginRefused(url: string, role: string, error: unknown): DatabaseError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DatabaseError(
    `the shadow server ${redactUrl(url)} refused the login of ${role}, the role without superuser that ` +
      `schema files and plans run as (${reason}); let new roles log in with a password: a pg_hba.conf ` +
      `line such as "host all all <client address> scram-sha-256" ahead of any trust/peer/cert-only line`,
  );
}
