import { readFile, writeFile } from 'node:fs/promises';
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
  it('notes each statement rows make fail in pending.sql and fails check with exit 4 at its line, until a backfill above it', async () => {
    const db = await createDatabase('probes');
    const dir = await tempDir({
      'schema/app.sql': `create table p (id int primary key);
create table t (id int primary key, name text not null, code text not null, label varchar(5), p_id int references p,
  constraint t_id_above_one check (id > 1));`,
    });
    try {
      await withConnection(db.url, (c) => runScript(c, `create table p (id int primary key); insert into p values (1);
create table t (id int primary key, name text, label text, p_id int); insert into t values (1, null, 'a long label', 1), (2, 'b', 'ok', 7);`));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      const planned = await runCli(['plan', '--out', plan, ...schema], { env, cwd: dir.path });
      expect(planned.code).toBe(0);
      const text = await readFile(plan, 'utf8');
      const expected = [
        ['ALTER TABLE public.t ADD COLUMN code text NOT NULL', 'adds code NOT NULL without a default to public.t, which has rows'],
        ['ALTER TABLE public.t ALTER COLUMN name SET NOT NULL', 'sets name of public.t NOT NULL, and rows hold NULL in name'],
        ['ALTER TABLE public.t ALTER COLUMN label TYPE character varying(5)', 'changes label of public.t to character varying(5), and a value of it does not convert: value too long for type character varying(5)'],
        ['ALTER TABLE public.t ADD CONSTRAINT t_id_above_one CHECK ((id > 1))', 'checks t_id_above_one on public.t, and rows break it: ((id > 1)) is false for them'],
        ['ALTER TABLE public.t ADD CONSTRAINT t_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p(id)', 'adds foreign key t_p_id_fkey from public.t to public.p, and rows of public.t reference no row of public.p'],
      ];
      const lines = text.split('\n');
      for (const [statement, failure] of expected) {
        // Noted right above the statement, where a reviewer reads it; the fix follows, commented.
        const at = lines.findIndex((l) => l.startsWith(`${statement!};`));
        expect(lines.slice(0, at).reverse().find((l) => l.startsWith('-- fails on production:'))).toBe(`-- fails on production: ${failure}`);
        expect(lines[at - 1]).toMatch(/^-- \S/);
        expect(planned.stderr).toContain(`warning: ${plan}:${at + 1} "${statement}" fails on the database's rows: ${failure}`);
      }

      const checked = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(checked.code).toBe(4);
      const named = [...checked.stderr.matchAll(/^\s+\S*pending\.sql:(\d+) "([^"]+)" (.*)$/gm)].map((m) => [m[2], m[3], lines[Number(m[1]) - 1]]);
      expect(named).toEqual(expected.map(([statement, failure]) => [statement, failure, `${statement};`]));
      expect(checked.stdout).toContain('-- UPDATE public.t SET code = <value> WHERE code IS NULL;');

      // A backfill above the first of them: production's rows no longer tell what those below meet.
      const first = lines.findIndex((l) => l.startsWith(expected[0]![0]!));
      lines.splice(first, 0, '-- hazard data-change: fills what the new constraints need', "UPDATE public.t SET name = 'n/a' WHERE name IS NULL;");
      await writeFile(plan, lines.join('\n').replace(/^-- hazards: (.*)$/m, '-- hazards: $1, data-change 1'));
      const backfilled = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(backfilled.stderr).toMatch(/needs approval before apply: it changes data[\s\S]*checks out/);
      expect(backfilled.code).toBe(0);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
