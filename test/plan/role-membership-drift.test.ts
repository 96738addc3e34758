import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { SHADOW_KINDS } from '../support/converge.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { testRoles } from '../support/roles.js';
import { tempDir } from '../support/temp-dir.js';

const [reader, writer, alice, bob] = testRoles('reader', 'writer', 'alice', 'bob');

/** The cluster's memberships among this file's roles, as `role>member` (with `*` for admin). */
async function memberships(): Promise<string[]> {
  return withConnection(serverUrl(), async (c) => {
    const { rows } = await c.query<{ m: string }>(
      `SELECT r.rolname || '>' || m.rolname || CASE WHEN am.admin_option THEN '*' ELSE '' END AS m
       FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
       WHERE m.rolname = ANY ($1) ORDER BY 1`, [[alice, bob]]);
    return rows.map((r) => r.m);
  });
}

describe.each(SHADOW_KINDS)('role memberships through a %s shadow', (shadow) => {
  beforeAll(() => withConnection(serverUrl(), async (c) => {
    await c.exec(`GRANT ${reader} TO ${alice}; GRANT ${writer} TO ${bob} WITH ADMIN OPTION`);
  }));
  afterAll(() => withConnection(serverUrl(), (c) => c.exec(`REVOKE ${reader} FROM ${alice}, ${bob}; REVOKE ${writer} FROM ${bob}`)));

  it('reports how the cluster differs as SQL on stderr, and neither plans nor applies it', async () => {
    const schema = `create table t (id int);
      grant ${reader} to ${bob};
      grant ${writer} to ${bob};`;
    const db = await createDatabase('memberships');
    const dir = await tempDir({ 'schema.sql': schema });
    const log: string[] = [];
    try {
      const before = await memberships();
      const { actions } = await computeMigration({
        databaseUrl: db.url, schemaPath: dir.path, shadowUrl: shadow === 'server' ? serverUrl() : undefined, log: (m) => log.push(m),
      });
      expect(actions.map((a) => a.sql)).toEqual(['CREATE TABLE public.t (\n  id integer\n);']);
      expect(log).toContain(
        "warning: the database's role memberships differ from those the schema declares; schema-bot never changes roles, " +
          'so these statements are not in the plan, for a DBA to run:\n' +
          `  GRANT ${reader} TO ${bob};\n  REVOKE ADMIN OPTION FOR ${writer} FROM ${bob};\n  REVOKE ${reader} FROM ${alice};`);
      // The shadow shares the cluster with the database here: the schema's GRANTs must not have run.
      expect(await memberships()).toEqual(before);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
