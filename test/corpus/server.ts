import { quoteIdent } from '../../src/sql/quote.js';
import { serverUrl, withConnection } from '../support/postgres.js';

/**
 * Marks every session of one case with an application_name (a connection string's parameters
 * override the one src/db/connect.ts sets), so the shadow databases the engine makes for that case
 * can be found while its sessions are open, and dropped if the case has to be stopped.
 */
export function tagged(url: string, tag: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', tag);
  return u.toString();
}

const SHADOW = /schema_bot_shadow_[0-9a-z_]+/g;

/**
 * Shadow databases the case `tag` has made and not yet dropped, as far as its sessions show: the
 * database a session is in, and the database its admin session last created or dropped (which
 * covers the moments before the engine connects to a new shadow and after it has disconnected).
 */
export async function shadowsOf(tag: string): Promise<string[]> {
  const { rows } = await withConnection(serverUrl(), (c) =>
    c.query<{ datname: string | null; query: string }>(
      'SELECT datname, query FROM pg_catalog.pg_stat_activity WHERE application_name = $1',
      [tag],
    ),
  );
  const names = rows.flatMap((r) => [r.datname ?? '', r.query].flatMap((text) => text.match(SHADOW) ?? []));
  return [...new Set(names)];
}

/**
 * Waits (a few seconds at most) until the admin sessions of `tag` (those in the maintenance
 * database) have ended, so that a CREATE DATABASE the server was still running for them has
 * finished before the database is dropped.
 */
export async function sessionsGone(tag: string): Promise<void> {
  const deadline = Date.now() + 5000;
  await withConnection(serverUrl(), async (c) => {
    while (Date.now() < deadline) {
      const { rows } = await c.query(
        'SELECT 1 FROM pg_catalog.pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [tag],
      );
      if (rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

export async function dropDatabases(names: string[]): Promise<void> {
  if (names.length === 0) return;
  await withConnection(serverUrl(), async (c) => {
    for (const name of names) await c.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

const DUPLICATE = new Set(['42710', '23505']);

/**
 * Roles are cluster-wide: the missing ones are created, and only those are returned, so only they
 * are dropped afterwards. A role created meanwhile by someone else counts as theirs.
 */
export async function ensureRoles(names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  return withConnection(serverUrl(), async (c) => {
    const { rows } = await c.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1)', [names]);
    const existing = new Set(rows.map((r) => r.rolname));
    const created: string[] = [];
    for (const name of names.filter((n) => !existing.has(n))) {
      try {
        await c.exec(`CREATE ROLE ${quoteIdent(name)}`);
        created.push(name);
      } catch (error) {
        if (!DUPLICATE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
    return created;
  });
}

/** Best effort: a role another session has started to use meanwhile stays. */
export async function dropRoles(names: string[]): Promise<void> {
  if (names.length === 0) return;
  await withConnection(serverUrl(), async (c) => {
    for (const name of names) await c.exec(`DROP ROLE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
  });
}
