import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

/** Copies of built-ins no owner can make unsafe: a window function, one that takes no argument. */
const COPIES = `create schema app;
create function app.my_lag(x anyelement) returns anyelement language internal window immutable as 'window_lag';
create function app.right_now() returns timestamptz language internal stable as 'now';
create table app.events (id int, val int);
create view app.lagged as select id, app.my_lag(val) over (order by id) as prev_val from app.events;
comment on function app.right_now() is 'now, by another name';
`;

/** Routines that set, while they run, parameters only a superuser may set. */
const SETTINGS = `create schema app;
create function app.quiet() returns int language sql set log_min_messages = 'error' as 'select 1';
create function app.replica() returns int language plpgsql set session_replication_role = 'replica' set search_path = app
  as $$ begin return 1; end $$;
`;

/**
 * Issue #17: real schemas alias built-ins in LANGUAGE internal and set superuser-only parameters in
 * routines. A server shadow makes them through its admin session, only as far as that gives the
 * sandbox role nothing it lacks; everything else stays refused with its place and reason.
 */
describe('a server shadow makes the routines only a superuser may, and no more', () => {
  let production: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    production = await createDatabase('privileged_fn');
  });
  afterAll(() => production.drop());

  async function diff(files: Record<string, string>, url = production.url) {
    const dir = await tempDir(files);
    try {
      return await runCli(['diff', '--database-url', url, '--schema', dir.path, '--shadow-url', serverUrl(), '--detailed-exitcode']);
    } finally {
      await dir.remove();
    }
  }

  it.each([['copies of built-ins in LANGUAGE internal', COPIES], ['SET clauses of superuser-only parameters', SETTINGS]])(
    'loads %s, owned by the sandbox role, and finds a production that has them unchanged',
    async (_, schema) => {
      const copy = await createDatabase('privileged_fn_prod');
      try {
        await withConnection(copy.url, (c) => c.exec(schema));
        const result = await diff({ 'schema.sql': schema }, copy.url);
        expect(result.stdout, result.stderr).toBe('');
        expect(result.code).toBe(0);
      } finally {
        await copy.drop();
      }
    },
  );

  it('refuses LANGUAGE c, and LANGUAGE internal that is no safe copy of a built-in, at file:line with the reason', async () => {
    const refusals = [
      { sql: `create function app.f() returns void language c as '$libdir/plpgsql', 'plpgsql_call_handler';`, reason: /permission denied for language c/ },
      { sql: `create function app.f(integer) returns integer language internal as 'textlen';`, reason: /must copy a built-in function/ },
      { sql: `create function app.f(text) returns integer language internal strict as 'textlen';`, reason: /\(text\) is strict, and the routine's owner could let a NULL reach it/ },
      { sql: `create function pg_catalog.f(x anyelement) returns anyelement language internal window as 'window_lag';`, reason: /may not create in its schema/ },
      { sql: `create function app.f() returns int language c set log_min_messages = 'error' as '$libdir/plpgsql', 'plpgsql_call_handler';`, reason: /permission denied/ },
    ];
    for (const { sql, reason } of refusals) {
      const result = await diff({ 'a.sql': 'create schema app;\n', 'b.sql': `\n${sql}\n` });
      expect(result.code, sql).toBe(1);
      expect(result.stderr, sql).toMatch(/b\.sql:2:1: /);
      expect(result.stderr, sql).toMatch(reason);
    }
  });

  it('gives the sandbox role no power by a routine it may not have made: calling it may not set the parameter', async () => {
    const result = await diff({ 'schema.sql': `${SETTINGS}create materialized view app.mv as select app.quiet();\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/schema\.sql:\d+:\d+: permission denied to set parameter "log_min_messages"/);
  });

  it('still checks a body it makes as the admin, as the sandbox role would', async () => {
    const broken = "create schema app;\ncreate function app.f() returns int language sql set log_min_messages = 'error' as 'select 1 +';\n";
    const result = await diff({ 'schema.sql': broken });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/schema\.sql:2:\d+: syntax error at end of input/);
  });

  it('plans, checks and applies a change to a LANGUAGE internal routine that a view uses', async () => {
    const db = await createDatabase('privileged_fn_plan');
    const renamed = COPIES.replace('my_lag(x anyelement)', 'my_lag(y anyelement)');
    const dir = await tempDir({ 'schema/app.sql': renamed });
    try {
      await withConnection(db.url, (c) => c.exec(COPIES));
      const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
      const schema = ['--schema', path.join(dir.path, 'schema')];
      const plan = path.join(dir.path, 'pending.sql');
      const planned = await runCli(['plan', '--out', plan, '--detailed-exitcode', ...schema], { env, cwd: dir.path });
      expect(planned.code, planned.stderr).toBe(2);
      const checked = await runCli(['check', '--plan', plan, ...schema], { env });
      expect(checked.stderr).toMatch(/checks out/);
      const applied = await runCli(['apply', '--plan', plan, ...schema], { env });
      expect(applied.code, applied.stderr).toBe(0);
      const after = await runCli(['diff', '--detailed-exitcode', ...schema], { env });
      expect(after.stdout).toBe('');
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
});
