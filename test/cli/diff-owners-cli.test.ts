import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDatabase, withConnection } from '../support/postgres.js';
import { testRoles } from '../support/roles.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const [owner] = testRoles('cli_owner');

describe('schema-bot diff --owners', () => {
  it('hands a table over and names on stderr a grant it leaves out for a missing role', async () => {
    const ghost = `ghost_${randomBytes(4).toString('hex')}`;
    const db = await createDatabase('cli_owners');
    const dir = await tempDir({ 'schema.sql': `create table t (a int); alter table t owner to ${owner}; grant select on t to ${ghost};` });
    try {
      await withConnection(db.url, (c) => c.exec('create table t (a int)'));
      const result = await runCli(['diff', '--database-url', db.url, '--schema', dir.path, '--owners']);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `BEGIN;\n-- hazard authz-change: changes the owner of TABLE public.t, who holds every privilege on it\n` +
          `ALTER TABLE public.t OWNER TO ${owner};\nCOMMIT;\n`,
      );
      expect(result.stderr).toContain(`warning: role ${ghost} does not exist on the database: left out its privileges on TABLE public.t\n`);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
