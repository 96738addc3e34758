import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

const tables = `create schema app;
  create table app.users (id int primary key, name text, email text, active boolean default true);
  create table app.orders (id int primary key, user_id int, total numeric(10,2));`;

// A chain (active_users → user_totals), every view option, and a materialized view with an index
// and comments: enough to show ordering in both directions.
const everything = `${tables}
  create view app.active_users with (security_barrier) as select id, name from app.users where active;
  create view app.user_totals with (security_invoker = on) as
    select u.id, u.name, sum(o.total) as total from app.active_users u join app.orders o on o.user_id = u.id group by u.id, u.name;
  create view app.editable as select id, email from app.users where email like '%@%' with local check option;
  create materialized view app.order_stats as select user_id, count(*) as n from app.orders group by user_id;
  create unique index order_stats_user on app.order_stats (user_id);
  comment on view app.user_totals is 'money per user';
  comment on materialized view app.order_stats is 'orders per user';`;

/** A view made from a table and then replaced by a query of its own rows. */
const selfReading = (columns: string) => `create table projects (id int primary key, ${columns});
  create view self_recursive_view as table projects;
  create or replace view self_recursive_view as table self_recursive_view;`;

/** A view whose query calls a function that returns the view's rows: each needs the other. */
const readingThroughFunction = `create table t (id int);
  create view v as select id from t;
  create function f() returns setof v language sql stable as 'select * from v';
  create or replace view v as select id from f();`;

describe.each(SHADOW_KINDS)('views through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates views, a chain, options and a materialized view with its index', tables, everything,
      ['COMMENT ON MATERIALIZED VIEW', 'COMMENT ON VIEW', 'CREATE MATERIALIZED VIEW', 'CREATE UNIQUE INDEX', 'CREATE VIEW']],
    ['drops them in reverse order of their dependencies', everything, tables, ['DROP MATERIALIZED VIEW', 'DROP VIEW']],
    ['drops a view together with the column it read', `${tables} create view app.v as select id, email from app.users;`,
      `create schema app; create table app.users (id int primary key, name text, active boolean default true);
        create table app.orders (id int primary key, user_id int, total numeric(10,2));`, ['ALTER TABLE DROP COLUMN', 'DROP VIEW']],
    ['replaces a table under a view and a materialized view', `create table t (a int, b int) partition by list (a);
        create view v as select a, b from t; create materialized view m as select a from v; create index m_a on m (a);`,
      `create table t (a int, b int) partition by hash (b);
        create view v as select a, b from t; create materialized view m as select a from v; create index m_a on m (a);`,
      ['CREATE INDEX', 'CREATE MATERIALIZED VIEW', 'CREATE TABLE', 'CREATE VIEW', 'DROP MATERIALIZED VIEW', 'DROP TABLE', 'DROP VIEW']],
    ['recreates a view whose table becomes a view of the same name', 'create table data (id int); create view q as select * from data;',
      'create table t_data (id int); create view data as select * from t_data; create view q as select * from data;',
      ['CREATE TABLE', 'CREATE VIEW', 'DROP TABLE', 'DROP VIEW']],
    // PostgREST's fixtures (issues 2283 and 3256): a view replaced by one that reads itself.
    ['creates a view that reads itself through a placeholder', 'create table projects (id int primary key, name text collate "C");',
      selfReading('name text collate "C"'), ['CREATE OR REPLACE VIEW', 'CREATE VIEW']],
    ['adds a column to a view that reads itself', selfReading('name text'), selfReading('name text, client_id int'),
      ['ALTER TABLE ADD COLUMN', 'CREATE OR REPLACE VIEW']],
    ['creates a view that reads itself through a function returning its rows', 'create table t (id int);', readingThroughFunction,
      ['CREATE OR REPLACE FUNCTION', 'CREATE OR REPLACE VIEW', 'CREATE VIEW', 'SET']],
    ['drops a view that reads itself through a function', readingThroughFunction, 'create table t (id int);',
      ['CREATE OR REPLACE VIEW', 'DROP FUNCTION', 'DROP VIEW']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('replaces a view in place when it only gains columns at the end', async () => {
    const result = await converge(everything, everything.replace('select id, name from app.users', 'select id, name, email from app.users'), shadow);
    expect(result.migration).toContain('CREATE OR REPLACE VIEW app.active_users WITH (security_barrier = \'true\') AS');
    expect(result.migration).not.toContain('DROP');
    expect(result.remaining).toBe('');
  });

  it('drops and creates a view whose columns change, with the views on it and their comments', async () => {
    const result = await converge(everything, everything.replace('select id, name from app.users', 'select id, email, name from app.users'), shadow);
    // Hazard comments may stand between them; the dependent view still goes first.
    expect(result.migration).toMatch(/DROP VIEW app.user_totals;\n(--[^\n]*\n)*DROP VIEW app.active_users;\n/);
    expect(result.migration).toContain("COMMENT ON VIEW app.user_totals IS 'money per user';");
    expect(result.remaining).toBe('');
  });

  it('changes options and the check option in place', async () => {
    const changed = everything
      .replace('with (security_barrier)', '')
      .replace('with (security_invoker = on)', 'with (security_invoker = true, security_barrier = true)')
      .replace('with local check option', 'with cascaded check option');
    const result = await converge(everything, changed, shadow);
    expect(result.migration).toContain('ALTER VIEW app.active_users RESET (security_barrier);');
    expect(result.migration).toContain("ALTER VIEW app.user_totals SET (security_barrier = 'true');");
    expect(result.migration).toContain("ALTER VIEW app.editable SET (check_option = 'cascaded');");
    expect(result.remaining).toBe('');
  });

  it('recreates a materialized view whose query changes, with its index and comment', async () => {
    const changed = everything.replace('count(*) as n', 'count(*) as n, sum(total) as total').replace(
      "create unique index order_stats_user on app.order_stats (user_id);",
      "create unique index order_stats_user on app.order_stats (user_id) with (fillfactor = 70);",
    );
    const result = await converge(everything, changed.replace('group by user_id;', 'group by user_id with no data;'), shadow);
    expect(result.migration).toContain('DROP MATERIALIZED VIEW app.order_stats;');
    expect(result.migration).toContain('WITH NO DATA;');
    expect(result.migration).toContain('CREATE UNIQUE INDEX order_stats_user ON app.order_stats');
    expect(result.migration).toContain("COMMENT ON MATERIALIZED VIEW app.order_stats IS 'orders per user';");
    expect(result.remaining).toBe('');
  });

  it('retypes a column under views and a materialized view and keeps the rows', async () => {
    const retyped = everything.replace('user_id int,', 'user_id bigint,').replace('name text,', 'name varchar(100),');
    const result = await converge(everything, retyped, shadow, {
      seed: `insert into app.users values (1, 'ann', 'ann@x', true); insert into app.orders values (1, 1, 9.5);
        refresh materialized view app.order_stats;`,
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) =>
          c.query<{ name: string; total: string; n: string }>(
            'select t.name, t.total, s.n from app.user_totals t join app.order_stats s on s.user_id = t.id'));
        expect(rows).toEqual([{ name: 'ann', total: '9.50', n: '1' }]);
      },
    });
    expect(result.migration).toMatch(/DROP MATERIALIZED VIEW app.order_stats;[^]*ALTER COLUMN user_id TYPE bigint[^]*CREATE MATERIALIZED VIEW app.order_stats/);
    expect(result.migration).toMatch(/DROP VIEW app.active_users;[^]*ALTER COLUMN name TYPE character varying\(100\)[^]*CREATE VIEW app.active_users/);
    expect(result.remaining).toBe('');
  });

  it('fills a materialized view only once the routines its query calls through string bodies exist', async () => {
    // pg_depend sees m_eval call wrapper() (through a view) but not wrapper's body calling
    // helper(), which cannot come before m_base, whose rows it returns. Bodies name their schema:
    // since PostgreSQL 17 a materialized view is filled with only pg_catalog on the search path.
    const to = `create table app.src (id int);
      create materialized view app.m_base as select id from app.src;
      create function app.helper() returns setof app.m_base language sql stable as 'select * from app.m_base';
      create function app.wrapper() returns bigint language sql stable as 'select count(*) from app.helper()';
      create view app.bridge as select app.wrapper() as n;
      create materialized view app.a_eval as select * from app.bridge;`;
    const from = 'create schema app; create table app.src (id int);';
    const result = await converge(from, `create schema app; ${to}`, shadow, { seed: 'insert into app.src values (1), (2);' });
    expect(result.migration).toMatch(/CREATE OR REPLACE FUNCTION app\.helper\(\)[^]*CREATE MATERIALIZED VIEW app\.a_eval/);
    expect(result.remaining).toBe('');
  });
});
