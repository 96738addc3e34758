import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/make-plan.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const PASSWORD = 'S3cret-kv-0815';

describe('connection strings and their passwords', () => {
  let schema: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    schema = await tempDir({ 'schema.sql': 'create table t (id int);\n' });
  });
  afterAll(() => schema.remove());

  it('never prints the password of a keyword/value string, and names the flag or variable it came from', async () => {
    for (const connection of [`host=127.0.0.1 port=1 user=app password=${PASSWORD} dbname=app`, `host=127.0.0.1 password = 'a b\\'${PASSWORD}' dbname=app`]) {
      const flagged = await runCli(['diff', '--database-url', connection, '--schema', schema.path]);
      expect(flagged.code).toBe(1);
      expect(flagged.stderr).toMatch(/^schema-bot diff: --database-url must be a postgres:\/\/ URL \(postgres:\/\/user@host:port\/database/m);
      expect(flagged.stderr + flagged.stdout).not.toContain(PASSWORD);

      const variable = await runCli(['plan', '--schema', schema.path, '--out', '-'], { env: { DATABASE_URL: connection } });
      expect(variable.code).toBe(1);
      expect(variable.stderr).toContain('DATABASE_URL must be a postgres:// URL');
      expect(variable.stderr + variable.stdout).not.toContain(PASSWORD);
    }
  });

  it('refuses a "#" in a URL, which would cut the password, and says to write %23, never echoing the value', async () => {
    const url = `postgres://app:${PASSWORD}#tail@127.0.0.1:1/app`;
    for (const [args, env, name] of [
      [['--database-url', url], {}, '--database-url'],
      [['--database-url', serverUrl(), '--shadow-url', url], {}, '--shadow-url'],
      [[], { DATABASE_URL: url }, 'DATABASE_URL'],
    ] as const) {
      const result = await runCli(['diff', '--schema', schema.path, ...args], { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${name} holds a "#"`);
      expect(result.stderr).toContain('percent-encode it as %23');
      expect(result.stderr + result.stdout).not.toContain(PASSWORD);
      expect(result.stderr + result.stdout).not.toContain('tail@');
    }
  });

  it('masks a password that is an ordinary word only where it is a password: SQL on stdout stays as it is', async () => {
    const db = await createDatabase('wordpw');
    const dir = await tempDir({ 'schema/postgres_log.sql': 'create table postgres_log (id int, note text);\n' });
    try {
      await withConnection(db.url, (c) => c.exec('create table postgres_log (id int)'));
      const url = new URL(db.url);
      url.username = 'postgres';
      url.password = 'postgres';
      const env = { DATABASE_URL: url.toString(), SHADOW_DATABASE_URL: serverUrl() };
      const schemaPath = path.join(dir.path, 'schema');

      const diff = await runCli(['diff', '--schema', schemaPath], { env });
      expect(diff.code).toBe(0);
      expect(diff.stdout).toContain('ALTER TABLE public.postgres_log ADD COLUMN note text;');

      const plan = path.join(dir.path, 'pending.sql');
      const made = await makePlan({ databaseUrl: db.url, schemaPath, shadowUrl: serverUrl(), source: 'none', now: new Date(), log: () => {} });
      await writeFile(plan, made.text);
      await withConnection(db.url, (c) => c.exec('alter table postgres_log add column by_hand int'));
      const drifted = await runCli(['check', '--schema', schemaPath, '--plan', plan], { env });
      expect(drifted.code).toBe(3);
      expect(drifted.stdout).toContain('ALTER TABLE public.postgres_log DROP COLUMN by_hand;');
      expect(drifted.stdout).not.toContain('***');

      // Where it is a password, it is masked.
      const unreachable = await runCli(['diff', '--schema', schemaPath, '--database-url', 'postgres://postgres:postgres@127.0.0.1:1/postgres_db']);
      expect(unreachable.stderr).toContain('cannot connect to postgres://postgres:***@127.0.0.1:1/postgres_db');
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
