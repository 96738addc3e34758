import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

const routines = `
  create type mood as enum ('ok', 'sad');
  create function add(a int, b int default 1) returns int language sql immutable strict parallel safe return a + b;
  create function add(a text, b text) returns text language sql begin atomic select a || b; end;
  create function cheer(m mood = 'ok', out msg text, out n int) language plpgsql stable security definer
    set search_path = public cost 5 as $$ begin msg := m::text; n := 1; end $$;
  create function evens(n int) returns setof int language sql rows 10 as 'select generate_series(0, n, 2)';
  create procedure bump(inout counter int) language plpgsql as $$ begin counter := counter + 1; end $$;
  create aggregate total(int) (sfunc = add, stype = int, initcond = '0', parallel = safe);
  create aggregate median(float8 order by float8) (sfunc = ordered_set_transition, stype = internal,
    finalfunc = percentile_disc_final, finalfunc_extra);
  comment on function add(int, int) is 'adds';`;

describe.each(SHADOW_KINDS)('functions, procedures and aggregates through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates routines of every kind', '', routines,
      ['COMMENT ON FUNCTION', 'CREATE AGGREGATE', 'CREATE OR REPLACE FUNCTION', 'CREATE OR REPLACE PROCEDURE', 'CREATE TYPE', 'SET']],
    ['drops routines of every kind', routines, '', ['DROP AGGREGATE', 'DROP FUNCTION', 'DROP PROCEDURE', 'DROP TYPE']],
    ['changes attributes, bodies and aggregates in place', routines, routines
      .replace('immutable strict parallel safe', 'stable')
      .replace('select a || b', "select a || '-' || b")
      .replace('cost 5', 'cost 50')
      .replace("initcond = '0'", "initcond = '10'")
      .replace("is 'adds'", "is 'sums'"), ['COMMENT ON FUNCTION', 'CREATE OR REPLACE AGGREGATE', 'CREATE OR REPLACE FUNCTION', 'SET']],
    ['turns a function into a procedure of the same signature',
      'create function f(a int) returns void language sql as $$ select 1 $$;',
      'create procedure f(a int) language sql as $$ select 1 $$;', ['CREATE OR REPLACE PROCEDURE', 'DROP FUNCTION', 'SET']],
    ['renames a parameter and removes a default under an aggregate and a comment', routines,
      routines.replace('b int default 1) returns int language sql immutable strict parallel safe return a + b',
        'c int) returns int language sql immutable strict parallel safe return a + c'),
      ['COMMENT ON FUNCTION', 'CREATE AGGREGATE', 'CREATE OR REPLACE FUNCTION', 'DROP AGGREGATE', 'DROP FUNCTION', 'SET']],
    ['creates a function and the table its string body reads, whose default calls it', '', `
      create function next_id() returns int language sql as 'select coalesce(max(id), 0) + 1 from items';
      create table items (id int default next_id(), name text);`, ['CREATE OR REPLACE FUNCTION', 'CREATE TABLE', 'SET']],
    ['creates a table and a function whose SQL-standard body reads it', '', `
      create table items (id int, name text);
      create function item_count() returns bigint language sql stable begin atomic select count(*) from items; end;
      create function first_item() returns setof items language sql return (select i from items i limit 1);`,
      ['CREATE OR REPLACE FUNCTION', 'CREATE TABLE', 'SET']],
    ['drops a table and the function reading it', `
      create table items (id int, name text);
      create function first_item() returns setof items language sql begin atomic select * from items limit 1; end;`, '',
      ['DROP FUNCTION', 'DROP TABLE']],
    // A string body records nothing in pg_depend; its result type does: the view comes first.
    ['creates a view and a function returning rows of it', '', `
      create table items (id int, name text);
      create function a_named() returns setof z_named language sql stable as 'select * from z_named';
      create view z_named as select id, name from items where name is not null;`,
      ['CREATE OR REPLACE FUNCTION', 'CREATE TABLE', 'CREATE VIEW', 'SET']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('replaces a body in place', async () => {
    const result = await converge(
      'create function f(a int) returns int language plpgsql as $$ begin return a; end $$;',
      'create function f(a int) returns int language plpgsql as $$ begin return a * 2; end $$;',
      shadow,
    );
    expect(result.migration).toContain('CREATE OR REPLACE FUNCTION public.f(a integer)');
    expect(result.migration).not.toContain('DROP FUNCTION');
    expect(result.remaining).toBe('');
  });

  it('recreates a function whose result changes around the default, check and index that use it', async () => {
    const table = `create table t (id int, amount int default zero() check (ok(amount)), spare int default zero());
      create index t_ok on t (ok(id));`;
    const from = `create function zero() returns int language sql immutable return 0;
      create function ok(v int) returns boolean language sql immutable return v >= 0; ${table}`;
    const to = `create function zero() returns smallint language sql immutable return 0;
      create function ok(v int) returns int language sql immutable return v;
      ${table.replace('ok(amount)', 'ok(amount) > 0').replace('spare int default zero()', 'spare int default zero() + 1')}`;
    const result = await converge(from, to, shadow, {
      seed: 'insert into t values (1, 5, 7);',
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, amount, spare from t'));
        expect(rows).toEqual([{ id: 1, amount: 5, spare: 7 }]);
      },
    });
    expect(result.migration).toContain('DROP FUNCTION public.zero()');
    expect(result.remaining).toBe('');
  });

  it('moves a default and a check to a function of a new signature', async () => {
    const result = await converge(
      `create function amount(v int) returns int language sql immutable return v;
       create table t (a int default amount(1) check (amount(a) > 0));`,
      `create function amount(v bigint) returns bigint language sql immutable return v;
       create table t (a int default amount(1) check (amount(a) > 0));`,
      shadow,
    );
    expect(result.migration).toContain('DROP FUNCTION public.amount(v integer)');
    expect(result.remaining).toBe('');
  });

  it('recreates a policy whose unchanged call resolves to the new signature', async () => {
    // The added parameter has a default, so the policy's text stays the same; it names the new
    // function all the same, and the old one cannot go while the policy uses it.
    const policy = `create table t (id int, role text); alter table t enable row level security;
      create policy p on t for select using (check_role(id, role));`;
    const result = await converge(
      `create function check_role(_id int, _role text) returns boolean language sql return true; ${policy}`,
      `create function check_role(_id int, _role text, _extra text default 'd') returns boolean language sql return true; ${policy}`,
      shadow,
    );
    expect(result.migration).toMatch(/DROP POLICY p ON public\.t;[^]*DROP FUNCTION public\.check_role\(_id integer, _role text\);[^]*CREATE POLICY p/);
    expect(result.remaining).toBe('');
  });

  it('sets check_function_bodies off once, before the first statement', async () => {
    const result = await converge('', 'create function f() returns int language sql return 1; create function g() returns int language sql return 2;', shadow);
    expect(result.migration.startsWith('SET check_function_bodies = off;\nBEGIN;\n')).toBe(true);
    expect(result.migration.match(/check_function_bodies/g)).toHaveLength(1);
  });
});
