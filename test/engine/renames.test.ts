import { describe, expect, it } from 'vitest';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { migrationWithLog } from '../support/migration-with-log.js';
import { tempDir } from '../support/temp-dir.js';

const rows = (url: string, sql: string) => withConnection(url, async (c) => (await c.query(sql)).rows);

describe.each(SHADOW_KINDS)('renames declared in the schema through a %s shadow', (shadow) => {
  it('renames a table and a column of it, keeping rows, indexes and references', async () => {
    const from = `create table users (id int primary key, mail text);
      create index users_mail_idx on users (mail);
      create table orders (id int, user_id int references users);
      comment on column users.mail is 'where we write';`;
    const to = `-- schema-bot: renamed from users
      create table people (
        id int primary key,
        -- schema-bot: renamed from mail
        email text
      );
      create index users_mail_idx on people (email);
      create table orders (id int, user_id int references people);
      comment on column people.email is 'where we write';`;
    const result = await converge(from, to, shadow, {
      seed: "insert into users values (1, 'a@example.com'); insert into orders values (1, 1);",
      inspect: async (url) => expect(await rows(url, 'select id, email from people')).toEqual([{ id: 1, email: 'a@example.com' }]),
    });
    expect(result.migration).toBe(
      'BEGIN;\n' +
        '-- hazard breaking-change: renames table public.people: code that uses the old name fails\n' +
        'ALTER TABLE public.users RENAME TO people;\n' +
        '-- hazard breaking-change: renames column public.people.email: code that uses the old name fails\n' +
        'ALTER TABLE public.people RENAME COLUMN mail TO email;\n' +
        // The key PostgreSQL named after the table is named after its new name, as the schema has it.
        '-- hazard breaking-change: renames constraint people_pkey ON public.people: code that uses the old name fails\n' +
        'ALTER TABLE public.people RENAME CONSTRAINT users_pkey TO people_pkey;\n' +
        'COMMIT;\n',
    );
    expect(result.remaining).toBe('');
  });

  it('renames an index, a constraint, an enum type and one of its values', async () => {
    const from = `create type mood as enum ('sad', 'ok');
      create table t (id int, m mood default 'ok', constraint t_id_check check (id > 0));
      create index t_id on t (id);`;
    const to = `-- schema-bot: renamed from mood
      create type feeling as enum (
        'sad',
        -- schema-bot: renamed from 'ok'
        'fine'
      );
      create table t (
        id int,
        m feeling default 'fine',
        -- schema-bot: renamed from t_id_check
        constraint id_positive check (id > 0)
      );
      -- schema-bot: renamed from t_id
      create index t_id_idx on t (id);`;
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, 'ok'), (2, 'sad');",
      inspect: async (url) => expect(await rows(url, 'select id, m::text from t order by id')).toEqual([{ id: 1, m: 'fine' }, { id: 2, m: 'sad' }]),
    });
    expect(result.migration).not.toMatch(/DROP|CREATE/);
    expect(result.migration).toContain("ALTER TYPE public.feeling RENAME VALUE 'ok' TO 'fine';");
    expect(result.remaining).toBe('');
  });

  it('renames a view and a materialized view, keeping what reads them', async () => {
    const from = `create table t (id int);
      create view recent as select id from t;
      create materialized view totals as select count(*) as n from t;
      create view on_top as select id from recent;`;
    const to = `create table t (id int);
      -- schema-bot: renamed from recent
      create view latest as select id from t;
      -- schema-bot: renamed from totals
      create materialized view counts as select count(*) as n from t;
      create view on_top as select id from latest;`;
    const result = await converge(from, to, shadow);
    expect(result.migration).toContain('ALTER VIEW public.recent RENAME TO latest;');
    expect(result.migration).toContain('ALTER MATERIALIZED VIEW public.totals RENAME TO counts;');
    expect(result.migration).not.toMatch(/DROP|CREATE/);
    expect(result.remaining).toBe('');
  });

  it('changes a renamed column in the same migration', async () => {
    const result = await converge(
      'create table t (id int, n int);',
      'create table t (\n  id int,\n  -- schema-bot: renamed from n\n  amount bigint not null default 0\n);',
      shadow,
      { seed: 'insert into t values (1, 5);', inspect: async (url) => expect(await rows(url, 'select amount from t')).toEqual([{ amount: '5' }]) },
    );
    expect(result.migration).toContain('ALTER TABLE public.t ALTER COLUMN n TYPE bigint');
    expect(result.migration).toContain('RENAME COLUMN n TO amount');
    expect(result.remaining).toBe('');
  });
});

describe('rename hints and look-alikes', () => {
  async function diffWithLog(from: string, schema: string): Promise<{ sql: string[]; log: string[] }> {
    const { actions, log } = await migrationWithLog(from, schema);
    return { sql: actions.map((a) => a.sql), log };
  }

  it('says when a dropped and an added object look alike, and never renames without a hint', async () => {
    const { sql, log } = await diffWithLog('create table users (id int, name text);', 'create table people (id int, name text);');
    expect(sql).toEqual(['DROP TABLE public.users;', 'CREATE TABLE public.people (\n  id integer,\n  name text\n);']);
    expect(log.join('\n')).toContain('warning: table public.users is dropped and table public.people created with the same shape');
    expect(log.join('\n')).toContain('-- schema-bot: renamed from users');
  });

  it('says why a hint changes nothing while it could matter, and nothing once the rename has landed', async () => {
    const stale = await diffWithLog('create table other (id int);', '-- schema-bot: renamed from users\ncreate table people (id int);\ncreate table other (id int);');
    expect(stale.sql).toEqual(['CREATE TABLE public.people (\n  id integer\n);']);
    expect(stale.log.join('\n')).toMatch(/schema\.sql:1: rename hint changes nothing: production has no table public\.users/);
    // Production has the new name and not the old: the hint is true, and every later run would repeat it.
    const landed = await diffWithLog('create table people (id int);', '-- schema-bot: renamed from users\ncreate table people (id int);');
    expect(landed.sql).toEqual([]);
    expect(landed.log.join('\n')).not.toContain('rename hint');
  });

  it('refuses a hint above something that cannot be renamed, with its place', async () => {
    const dir = await tempDir({ 'schema.sql': 'create table t (id int);\n-- schema-bot: renamed from x\ngrant select on t to public;\n' });
    const db = await createDatabase('renames');
    try {
      await expect(computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: () => {} }))
        .rejects.toThrow(/schema\.sql:2:1: a rename hint must stand above a table, column/);
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
