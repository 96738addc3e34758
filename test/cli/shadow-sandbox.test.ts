import { randomBytes } from 'node:crypto';
import { access, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/plan-file.js';
import { readDatabase } from '../../src/engine/compute-migration.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { rehearse } from '../../src/apply/rehearse.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * What `pg_dump --schema-only` (15) wrote for a database with one object of most kinds, owners,
 * grants, default privileges and an event trigger; READER stands for a role of the test's own.
 */
const PG_DUMP = `
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;
CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO postgres;
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;
COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;
COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';
CREATE TYPE app.mood AS ENUM (
    'a',
    'b'
);
ALTER TYPE app.mood OWNER TO postgres;
CREATE DOMAIN app.pos AS integer
	CONSTRAINT pos_check CHECK ((VALUE > 0));
ALTER DOMAIN app.pos OWNER TO postgres;
CREATE FUNCTION app.evt() RETURNS event_trigger
    LANGUAGE plpgsql
    AS $$ begin end $$;
ALTER FUNCTION app.evt() OWNER TO postgres;
CREATE FUNCTION app.f(x integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ select x + 1 $$;
ALTER FUNCTION app.f(x integer) OWNER TO READER;
CREATE PROCEDURE app.pr()
    LANGUAGE sql
    AS $$ select 1 $$;
ALTER PROCEDURE app.pr() OWNER TO postgres;
CREATE FUNCTION app.trg() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ begin return new; end $$;
ALTER FUNCTION app.trg() OWNER TO postgres;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE app.c (
    id integer
);
ALTER TABLE app.c OWNER TO postgres;
CREATE TABLE app.t (
    id integer NOT NULL,
    v text DEFAULT 'x'::text,
    m app.mood,
    h public.hstore,
    p app.pos,
    g integer NOT NULL
);
ALTER TABLE app.t OWNER TO READER;
COMMENT ON TABLE app.t IS 'the t';
CREATE MATERIALIZED VIEW app.mv AS
 SELECT t.id
   FROM app.t
  WITH NO DATA;
ALTER TABLE app.mv OWNER TO postgres;
CREATE TABLE app.part (
    id integer,
    at date
)
PARTITION BY RANGE (at);
ALTER TABLE app.part OWNER TO postgres;
CREATE TABLE app.part_2020 (
    id integer,
    at date
);
ALTER TABLE app.part_2020 OWNER TO postgres;
ALTER TABLE app.t ALTER COLUMN g ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.t_g_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE SEQUENCE app.t_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER TABLE app.t_id_seq OWNER TO READER;
ALTER SEQUENCE app.t_id_seq OWNED BY app.t.id;
CREATE VIEW app.v AS
 SELECT t.id,
    t.v
   FROM app.t;
ALTER TABLE app.v OWNER TO postgres;
ALTER TABLE ONLY app.part ATTACH PARTITION app.part_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE ONLY app.t ALTER COLUMN id SET DEFAULT nextval('app.t_id_seq'::regclass);
ALTER TABLE ONLY app.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);
CREATE INDEX part_id_idx ON ONLY app.part USING btree (id);
CREATE INDEX part_2020_id_idx ON app.part_2020 USING btree (id);
ALTER INDEX app.part_id_idx ATTACH PARTITION app.part_2020_id_idx;
CREATE STATISTICS app.st ON id, v FROM app.t;
ALTER STATISTICS app.st OWNER TO postgres;
CREATE RULE r AS
    ON UPDATE TO app.v DO INSTEAD NOTHING;
CREATE TRIGGER tr BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
ALTER TABLE ONLY app.c
    ADD CONSTRAINT c_id_fkey FOREIGN KEY (id) REFERENCES app.t(id);
CREATE POLICY p ON app.t TO READER USING (true);
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
GRANT USAGE ON SCHEMA app TO READER;
GRANT SELECT ON TABLE app.c TO READER;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app GRANT SELECT ON TABLES  TO READER;
ALTER DEFAULT PRIVILEGES FOR ROLE READER IN SCHEMA app GRANT SELECT ON TABLES  TO PUBLIC;
CREATE EVENT TRIGGER et ON ddl_command_start
   EXECUTE FUNCTION app.evt();
ALTER EVENT TRIGGER et OWNER TO postgres;
`;

/**
 * Issue #16 row 6: schema files and plans under review are untrusted, and a --shadow-url server is
 * shared. Whatever they say, another database survives, no program runs on the server, no role is
 * made, and the run says what was refused.
 */
describe('a server shadow is a sandbox', () => {
  let production: Awaited<ReturnType<typeof createDatabase>>;
  let victim: Awaited<ReturnType<typeof createDatabase>>;
  // The server runs on this machine: a program it ran as its OS user would leave this file.
  const marker = path.join(tmpdir(), `schema-bot-escaped-${randomBytes(4).toString('hex')}`);
  const intruder = `intruder_${randomBytes(4).toString('hex')}`;
  const renamed = () => `${victim.name}_renamed`;

  beforeAll(async () => {
    production = await createDatabase('sandbox');
    victim = await createDatabase('victim');
    await withConnection(production.url, (c) => c.exec('create table customers (id int primary key, name text)'));
  });
  afterAll(async () => {
    await production.drop();
    await victim.drop();
    await withConnection(serverUrl(), async (c) => {
      await c.exec(`drop database if exists ${renamed()}`);
      await c.exec(`drop role if exists ${intruder}`);
    });
    await rm(marker, { force: true });
  });

  /** Nothing reached past the shadow: the other database is there under its name, no file, no role. */
  async function expectNothingEscaped(): Promise<void> {
    const found = await withConnection(serverUrl(), async (c) => ({
      victim: (await c.query('select 1 from pg_database where datname = $1', [victim.name])).rows.length,
      role: (await c.query('select 1 from pg_roles where rolname = $1', [intruder])).rows.length,
    }));
    expect(found).toEqual({ victim: 1, role: 0 });
    expect(await access(marker).then(() => 'file created', () => 'no file')).toBe('no file');
  }

  const schema = (extra: string) => ({ 'a.sql': 'create table customers (id int primary key, name text);\n', 'b.sql': extra });

  const escapes = () => [
    { sql: `DROP DATABASE ${victim.name};`, refused: 'DROP DATABASE is not declarative' },
    { sql: `ALTER DATABASE ${victim.name} RENAME TO ${renamed()};`, refused: 'RENAME of a database reaches past the schema' },
    { sql: `COPY (select 1) TO PROGRAM 'touch ${marker}';`, refused: 'COPY is not declarative' },
    { sql: `CREATE ROLE ${intruder} SUPERUSER;`, refused: 'CREATE ROLE is not declarative' },
  ];

  it('refuses statements that reach past the schema at file:line:col, in diff and plan', async () => {
    for (const { sql, refused } of escapes()) {
      for (const command of ['diff', 'plan']) {
        const dir = await tempDir(schema(`create table t (id int);\n  ${sql}\n`));
        try {
          const result = await runCli([command, '--database-url', production.url, '--schema', dir.path, '--shadow-url', serverUrl()]);
          expect(result.code, `${command}: ${sql}`).toBe(1);
          expect(result.stderr).toContain(`b.sql:2:3: ${refused}`);
          await expectNothingEscaped();
        } finally {
          await dir.remove();
        }
      }
    }
  });

  it('runs what the files declare as a role that cannot act on the server, whatever a function body says', async () => {
    const bodies = [
      `copy (select 1) to program 'touch ${marker}'`,
      `alter database ${victim.name} rename to ${renamed()}`,
      `create role ${intruder} superuser`,
    ];
    for (const body of bodies) {
      // A materialized view runs its query while it loads: the declarations are all the file has.
      const dir = await tempDir(schema(`create function escape() returns int language sql as $$ ${body}; select 1 $$;\ncreate materialized view mv as select escape();\n`));
      try {
        const result = await runCli(['diff', '--database-url', production.url, '--schema', dir.path, '--shadow-url', serverUrl()]);
        expect(result.code, body).toBe(1);
        expect(result.stderr).toMatch(/b\.sql:2:\d+: (permission denied|must be (superuser|owner))/);
        await expectNothingEscaped();
      } finally {
        await dir.remove();
      }
    }
  });

  it('still loads what pg_dump --schema-only writes: extensions, owners, default privileges, event triggers', async () => {
    const reader = `reader_${randomBytes(4).toString('hex')}`;
    const dump = PG_DUMP.replaceAll('READER', reader);
    const copy = await createDatabase('dumped');
    const dir = await tempDir({ 'schema.sql': dump });
    try {
      await withConnection(serverUrl(), (c) => c.exec(`create role ${reader}`));
      await withConnection(copy.url, (c) => runScript(c, dump));
      for (const owners of [[], ['--owners']]) {
        const result = await runCli(['diff', '--database-url', copy.url, '--schema', dir.path, '--shadow-url', serverUrl(), '--detailed-exitcode', ...owners]);
        expect(result.stdout, `${owners}: ${result.stderr}`).toBe('');
        expect(result.code).toBe(0);
      }
    } finally {
      await dir.remove();
      await copy.drop();
      await withConnection(serverUrl(), (c) => c.exec(`drop role if exists ${reader}`));
    }
  });

  it('hands no object to a role with power on the server, so nothing runs as it', async () => {
    const powerful = `owner_${randomBytes(4).toString('hex')}`;
    // A SECURITY DEFINER function runs as its owner: owned by a role that may create databases
    // (or a superuser, or the owner of another database) it would be a way out of the sandbox.
    const dir = await tempDir(schema(`create function f() returns int language sql security definer as $$ select 1 $$;\nalter function f() owner to ${powerful};\n`));
    try {
      await withConnection(serverUrl(), (c) => c.exec(`create role ${powerful} createdb`));
      const result = await runCli(['diff', '--database-url', production.url, '--schema', dir.path, '--shadow-url', serverUrl()]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`b.sql: not handing an object to ${powerful}, a role with power beyond its own objects`);
    } finally {
      await dir.remove();
      await withConnection(serverUrl(), (c) => c.exec(`drop role if exists ${powerful}`));
    }
  });

  it('makes an aggregate with an internal state only from support functions that belong together', async () => {
    // The state array_agg builds, read by numeric_avg as its own: memory read as the wrong structure.
    const dir = await tempDir(schema('create aggregate mixed(anynonarray) (sfunc = array_agg_transfn, stype = internal, finalfunc = numeric_avg);\n'));
    try {
      const result = await runCli(['diff', '--database-url', production.url, '--schema', dir.path, '--shadow-url', serverUrl()]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/b\.sql:1:1: an aggregate with an internal state must use the support functions of one PostgreSQL or an extension ships/);
    } finally {
      await dir.remove();
    }
  });

  it('rehearses a plan edited under review as that role, so its statements cannot act on the server', async () => {
    const dir = await tempDir({ 'schema/a.sql': 'create table customers (id int primary key, name text, email text);\n' });
    try {
      const schemaPath = path.join(dir.path, 'schema');
      const made = await makePlan({ databaseUrl: production.url, schemaPath, shadowUrl: serverUrl(), source: 'none', now: new Date(), log: () => {} });
      const { catalog } = await readDatabase(production.url, { log: () => {} });
      for (const { sql } of escapes()) {
        // The reviewer's addition, after the plan's own transaction.
        const plan = await parsePlan(`${made.text}\n${sql}\n`, 'pending.sql');
        await expect(rehearse(catalog, plan, serverUrl(), () => {})).rejects.toThrow(/fails at step \d+ on production's schema: .*(permission denied|must be|not allowed)/);
        await expectNothingEscaped();

        // The same through `check`, as the merge request's pipeline runs it.
        const file = path.join(dir.path, 'pending.sql');
        await writeFile(file, `${made.text}\n${sql}\n`);
        const checked = await runCli(['check', '--database-url', production.url, '--schema', schemaPath, '--plan', file, '--shadow-url', serverUrl()]);
        expect(checked.code, `${sql}\n${checked.stderr}`).not.toBe(0);
        await expectNothingEscaped();
      }
    } finally {
      await dir.remove();
    }
  });
});

describe('a plan that needs more than owning the shadow database', () => {
  it('creates an untrusted extension and an event trigger in the rehearsal through the admin session, and checks out', async () => {
    const db = await createDatabase('sandboxplan');
    const dir = await tempDir({
      'schema/app.sql': `create table t (id int);
create extension amcheck;
create function noop() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger on_ddl on ddl_command_end execute function noop();`,
    });
    try {
      await withConnection(db.url, (c) => runScript(c, 'create table t (id int);'));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      expect((await runCli(['plan', '--out', plan, ...schema], { env, cwd: dir.path })).code).toBe(0);
      const checked = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(checked.stderr).toMatch(/checks out/);
      expect(checked.code).toBe(0);
      const applied = await runCli(['apply', '--plan', plan, '--allow-hazards', 'unverifiable', ...schema], { env });
      expect(applied.code).toBe(0);
      expect(await withConnection(db.url, async (c) => (await c.query(`select evtname from pg_event_trigger`)).rows)).toEqual([{ evtname: 'on_ddl' }]);
    } finally {
      await withConnection(db.url, (c) => c.exec('drop event trigger if exists on_ddl')).catch(() => undefined);
      await dir.remove();
      await db.drop();
    }
  });
});
