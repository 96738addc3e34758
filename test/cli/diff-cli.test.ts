import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli, startCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Shadows are made through a role of this file's own, so that the databases it owns are exactly the
 * shadows these tests made, whatever else runs on the server at the same time.
 */
const shadowOwner = `cli_shadow_${randomBytes(4).toString('hex')}`;
function shadowServerUrl(): string {
  const url = new URL(serverUrl());
  url.username = shadowOwner;
  return url.toString();
}

/** Whether a shadow of this file's role is running the slow statement of the Ctrl-C test. */
async function sleeping(): Promise<boolean> {
  return withConnection(serverUrl(), async (c) => {
    const { rows } = await c.query(`select 1 from pg_stat_activity where query like '%pg_sleep(60)%' and pid <> pg_backend_pid() and datname like 'schema_bot_shadow_%'`);
    return rows.length > 0;
  });
}

/**
 * Shadow databases this file's role made (their owner, the sandbox role, is granted to it) and
 * sandbox roles it made, to prove none is left behind.
 */
async function shadowDatabases(): Promise<string[]> {
  return withConnection(serverUrl(), async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `select datname as name from pg_database where datname like 'schema_bot_shadow_%' and pg_has_role($1, datdba, 'MEMBER')
       union all
       select rolname from pg_roles where rolname like 'schema_bot_sandbox_%' and pg_has_role($1, oid, 'MEMBER')`,
      [shadowOwner],
    );
    return rows.map((r) => r.name);
  });
}

describe('schema-bot diff', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    await withConnection(serverUrl(), (c) => c.exec(`create role ${shadowOwner} login createdb createrole`));
    db = await createDatabase('cli');
    await withConnection(db.url, (c) => c.exec('create table customers (id int primary key, name text)'));
  });
  afterAll(async () => {
    await db.drop();
    await withConnection(serverUrl(), (c) => c.exec(`drop role ${shadowOwner}`));
  });

  it('prints only SQL on stdout and reports changes with --detailed-exitcode', async () => {
    const dir = await tempDir({
      // Files in an order that does not follow dependencies: the schema comes last.
      'a_orders.sql': 'create table app.orders (id bigint, customer int);\n',
      'b_customers.sql': 'create table customers (id int primary key, name text, email text);\n',
      'z_schema.sql': '-- the application schema\ncreate schema app;\n',
    });
    try {
      const result = await runCli(
        ['diff', '--database-url', db.url, '--schema', dir.path, '--shadow-url', serverUrl(), '--detailed-exitcode'],
      );
      expect(result.stderr).toContain('statement(s)');
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(/^BEGIN;\n/);
      expect(result.stdout).toContain('CREATE SCHEMA app;');
      expect(result.stdout).toContain('ALTER TABLE public.customers ADD COLUMN email text;');
      expect(result.stdout).not.toContain('loaded schema');
    } finally {
      await dir.remove();
    }
  });

  it('exits 0 with --detailed-exitcode when nothing differs, through DATABASE_URL', async () => {
    const dir = await tempDir({ 'schema.sql': 'create table customers (id int primary key, name text);' });
    try {
      const result = await runCli(['diff', '--schema', dir.path, '--detailed-exitcode'], {
        env: { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() },
      });
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('no changes');
      expect(result.code).toBe(0);
    } finally {
      await dir.remove();
    }
  });

  it('diffs against another database with --desired-url', async () => {
    const staging = await createDatabase('cli');
    try {
      await withConnection(staging.url, (c) => c.exec('create table customers (id int primary key, name text, vip boolean)'));
      const result = await runCli(['diff', '--database-url', db.url, '--desired-url', staging.url, '--detailed-exitcode']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('BEGIN;\nALTER TABLE public.customers ADD COLUMN vip boolean;\nCOMMIT;\n');
      expect(result.stderr).not.toContain('shadow');
    } finally {
      await staging.drop();
    }
  });

  it('names file, line and column of a bad statement, exits 1 and leaves no shadow', async () => {
    const dir = await tempDir({
      'orders.sql': 'create table orders (\n  id int,\n  total numeric\n    check (totl > 0)\n);\n',
    });
    try {
      const result = await runCli(['diff', '--database-url', db.url, '--schema', dir.path, '--shadow-url', shadowServerUrl()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/orders\.sql:4:12: column "totl" does not exist/);
      expect(await shadowDatabases()).toEqual([]);
    } finally {
      await dir.remove();
    }
  });

  it('reports a syntax error at its place in the file', async () => {
    const dir = await tempDir({ 'broken.sql': 'create table a (id int);\ncreate tabel b (id int);\n' });
    try {
      const result = await runCli(['diff', '--database-url', db.url, '--schema', dir.path]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/broken\.sql:2:8: syntax error at or near "tabel"/);
    } finally {
      await dir.remove();
    }
  });

  it('warns when the shadow runs another major version than the database', async () => {
    const dir = await tempDir({ 'schema.sql': 'create table customers (id int primary key, name text);' });
    try {
      const result = await runCli(['diff', '--database-url', db.url, '--schema', dir.path]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/shadow runs PostgreSQL 18 but the database runs 1\d/);
    } finally {
      await dir.remove();
    }
  });

  it('explains a missing database and never prints a password', async () => {
    const missing = await runCli(['diff']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('pass --database-url or set DATABASE_URL');
    expect(missing.stderr).toContain('schema-bot diff --help');

    const dir = await tempDir({ 'schema.sql': 'create table t (id int);' });
    try {
      const url = 'postgres://app:hunter2secret@127.0.0.1:1/app';
      const unreachable = await runCli(['diff', '--database-url', url, '--schema', dir.path]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain('cannot connect to postgres://app:***@127.0.0.1:1/app');
      expect(unreachable.stderr).not.toContain('hunter2secret');
    } finally {
      await dir.remove();
    }
  });

  it('drops the shadow database when interrupted with Ctrl-C', { timeout: 240_000 }, async () => {
    const dir = await tempDir({ 'slow.sql': 'create table t (id int);\ncreate materialized view slow as select 1 as one from pg_sleep(60);\n' });
    try {
      const { child, done } = startCli(['diff', '--database-url', db.url, '--schema', dir.path, '--shadow-url', shadowServerUrl()]);
      // The CLI is interrupted while its shadow runs the slow statement, however long a loaded
      // machine takes to get there; one that ended first failed for a reason of its own: show it.
      let ended: Awaited<typeof done> | undefined;
      void done.then((result) => (ended = result));
      while (!ended && !(await sleeping())) await new Promise((r) => setTimeout(r, 100));
      expect(ended?.stderr).toBeUndefined();
      expect(await shadowDatabases()).toHaveLength(2);
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(130);
      expect(await shadowDatabases()).toEqual([]);
    } finally {
      await dir.remove();
    }
  });

  it('limits the diff to the schemas asked for, and leaves comments out on request', async () => {
    const dir = await tempDir({
      'schema.sql': `create table customers (id int primary key, name text);
        comment on table customers is 'who buys';
        create schema app; create table app.a (id int);
        create schema other; create table other.o (id int);`,
    });
    try {
      const diff = (...options: string[]) =>
        runCli(['diff', '--database-url', db.url, '--schema', dir.path, '--shadow-url', serverUrl(), ...options]);
      const included = await diff('--include-schema', 'app', '--include-schema', 'public');
      expect(included.code).toBe(0);
      expect(included.stdout).toContain('CREATE TABLE app.a');
      expect(included.stdout).toContain('COMMENT ON TABLE public.customers');
      expect(included.stdout).not.toContain('other');

      const excluded = await diff('--exclude-schema', 'app', '--no-comments');
      expect(excluded.stdout).toContain('CREATE TABLE other.o');
      expect(excluded.stdout).not.toContain('app');
      expect(excluded.stdout).not.toContain('COMMENT ON');
    } finally {
      await dir.remove();
    }
  });

  it('names objects it does not model on stderr, and fails on them with --strict', async () => {
    const dir = await tempDir({
      'schema.sql': `create table customers (id int primary key, name text);
        create text search configuration english_copy (copy = english);`,
    });
    try {
      const diff = (...options: string[]) =>
        runCli(['diff', '--database-url', db.url, '--schema', dir.path, '--shadow-url', serverUrl(), ...options]);
      const lenient = await diff();
      expect(lenient.code).toBe(0);
      expect(lenient.stderr).toMatch(/does not model[^\n]*\n  text search configuration public\.english_copy\n/);

      const strict = await diff('--strict');
      expect(strict.code).toBe(1);
      expect(strict.stdout).toBe('');
      expect(strict.stderr).toContain('--strict: 1 object(s) that schema-bot does not model');
    } finally {
      await dir.remove();
    }
  });

  it('teaches its options with --help', async () => {
    const result = await runCli(['diff', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--shadow-url URL');
    expect(result.stdout).toContain('--detailed-exitcode');
  });
});
