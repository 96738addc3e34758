import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const PRODUCTION = `create type mood as enum ('sad', 'ok');
  create table users (id int primary key, mail text, m mood default 'ok', constraint users_id_check check (id > 0));
  create index users_mail on users (mail);
  create view user_mails as select id, mail from users;
  insert into users values (1, 'a@example.com', 'ok'), (2, 'b@example.com', 'sad');`;

/** Every kind of rename the README lists, declared in the schema and nothing else changed. */
const RENAMED = `-- schema-bot: renamed from mood
  create type feeling as enum (
    'sad',
    -- schema-bot: renamed from 'ok'
    'fine'
  );
  -- schema-bot: renamed from users
  create table people (
    id int primary key,
    -- schema-bot: renamed from mail
    email text,
    m feeling default 'fine',
    -- schema-bot: renamed from users_id_check
    constraint id_positive check (id > 0)
  );
  -- schema-bot: renamed from users_mail
  create index people_email on people (email);
  -- schema-bot: renamed from user_mails
  create view people_emails as select id, email as mail from people;`;

const rows = (url: string, sql: string) => withConnection(url, async (c) => (await c.query(sql)).rows);

describe('declared renames reach production', () => {
  it.each(['plan, check, apply', 'sync'])('through %s, keeping the rows, and only once', async (way) => {
    const db = await createDatabase('renames');
    const dir = await tempDir({ 'schema/app.sql': RENAMED });
    try {
      await withConnection(db.url, (c) => runScript(c, PRODUCTION));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      if (way === 'sync') {
        const synced = await runCli(['sync', ...schema], { env });
        expect(synced.stderr).toMatch(/: applied\n/);
        expect(synced.code).toBe(0);
      } else {
        const planned = await runCli(['plan', '--out', '-', ...schema], { env });
        expect(planned.code).toBe(0);
        await writeFile(plan, planned.stdout);
        const header = /^-- base: (\S+)\n-- target: (\S+)$/m.exec(planned.stdout)!;
        expect(header[1]).not.toBe(header[2]);
        expect((await runCli(['check', '--plan', plan, ...schema], { env })).code).toBe(0);
        const applied = await runCli(['apply', '--plan', plan, '--allow-hazards', 'data-change', ...schema], { env });
        expect(applied.stderr).toMatch(/: applied\n/);
        expect(applied.code).toBe(0);
      }
      expect(await rows(db.url, `select id, email, m::text from people order by id`)).toEqual([
        { id: 1, email: 'a@example.com', m: 'fine' },
        { id: 2, email: 'b@example.com', m: 'sad' },
      ]);
      expect(await rows(db.url, `select relname from pg_class where relname in ('people_email', 'people_emails', 'users', 'users_mail') order by 1`)).toEqual([
        { relname: 'people_email' },
        { relname: 'people_emails' },
      ]);
      expect(await rows(db.url, `select conname from pg_constraint where conname = 'id_positive'`)).toHaveLength(1);
      const again = await runCli(['diff', ...schema, '--database-url', db.url], { env });
      expect(again.stdout).toBe('');
      expect(again.code).toBe(0);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
