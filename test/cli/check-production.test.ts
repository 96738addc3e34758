import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

describe('check on a production with SQL functions', () => {
  it('replays production without checking function bodies, so a function that reads a table made after it does not fail the check', async () => {
    const db = await createDatabase('bodies');
    const dir = await tempDir({
      'schema/app.sql': `create table t (id int primary key, name text);
create function n() returns bigint language sql as 'select count(*) from t';`,
    });
    try {
      await withConnection(db.url, (c) => runScript(c, `create table t (id int primary key); create function n() returns bigint language sql as 'select count(*) from t';`));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      const planned = await runCli(['plan', '--out', '-', ...schema], { env });
      await writeFile(plan, planned.stdout);
      const checked = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(checked.stderr).toMatch(/checks out/);
      expect(checked.code).toBe(0);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});

describe('check asks production about the rows a plan meets', () => {
  it('fails with exit 4 and a backfill skeleton when NOT NULL meets rows that break it, before apply would', async () => {
    const db = await createDatabase('probes');
    const dir = await tempDir({ 'schema/app.sql': 'create table t (id int primary key, name text not null, code text not null);' });
    try {
      await withConnection(db.url, (c) => runScript(c, `create table t (id int primary key, name text); insert into t values (1, null), (2, 'b');`));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      await writeFile(plan, (await runCli(['plan', '--out', '-', ...schema], { env })).stdout);
      const checked = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(checked.stderr).toMatch(/production's rows make it fail:\n\s+\S*pending\.sql:\d+ "ALTER TABLE public\.t ADD COLUMN code text NOT NULL" adds code NOT NULL without a default to public\.t, which has rows\n\s+\S*pending\.sql:\d+ "ALTER TABLE public\.t ALTER COLUMN name SET NOT NULL" sets name of public\.t NOT NULL, and rows hold NULL there/);
      expect(checked.stdout).toContain('-- UPDATE public.t SET code = <value> WHERE code IS NULL;');
      expect(checked.code).toBe(4);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
