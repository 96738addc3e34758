import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('composite and range types through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates composite and range types used by a table', '',
      `create type pair as (a int, "B c" text collate "C"); create type nested as (p pair, ps pair[]);
       create type fr as range (subtype = float8, subtype_diff = float8mi);
       create type tr as range (subtype = text, subtype_opclass = text_pattern_ops, collation = "C", multirange_type_name = trs);
       create table t (n nested, r fr, m fr_multirange, s trs);`, ['CREATE TABLE', 'CREATE TYPE']],
    ['drops composite and range types with their table',
      'create type pair as (a int); create type r as range (subtype = int4); create table t (p pair, q r);', '', ['DROP TABLE', 'DROP TYPE']],
    ['retypes an attribute of an unused composite in place', 'create type dims as (w int, h int);', 'create type dims as (w bigint, h int);',
      ['ALTER TYPE']],
    ['changes the options of unused range types',
      'create type textrange as range (subtype = text); create type nr as range (subtype = numeric);',
      'create type textrange as range (subtype = text, subtype_opclass = text_pattern_ops); create type nr as range (subtype = numeric, multirange_type_name = nr_mr);',
      ['CREATE TYPE', 'DROP TYPE']],
    ['moves an attribute of a commented composite', "create type p as (a int, b int); comment on type p is 'pt';",
      "create type p as (b int, a int); comment on type p is 'pt';", ['ALTER TYPE', 'COMMENT ON TYPE', 'CREATE TYPE', 'DROP TYPE']],
    // Every flavour of type shares the `type:` ids, so a type that becomes another flavour of its
    // name reaches the old flavour's rule, which names none of the new flavour's attributes.
    ['makes an enum that becomes a domain of its name anew', "create type t as enum ('a');", 'create domain t as int;',
      ['CREATE DOMAIN', 'DROP TYPE']],
    ['makes a domain that becomes a range of its name anew', 'create domain t as int;', 'create type t as range (subtype = int4);',
      ['CREATE TYPE', 'DROP DOMAIN']],
    ['makes a range that becomes a composite of its name anew', 'create type t as range (subtype = int4);', 'create type t as (a int);',
      ['CREATE TYPE', 'DROP TYPE']],
    ['makes a composite that becomes an enum of its name anew', 'create type t as (a int);', "create type t as enum ('a');",
      ['CREATE TYPE', 'DROP TYPE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('adds, drops and retypes attributes of a composite in use and keeps the rows', async () => {
    const from = 'create type p as (a int, gone text, b int); create table t (id int, v p, vs p[]);';
    const to = 'create type p as (a bigint, b int, c text); create table t (id int, v p, vs p[]);';
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, '(1,x,2)', array['(3,y,4)']::p[]);",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, v::text, vs::text from t'));
        expect(rows).toEqual([{ id: 1, v: '(1,2,)', vs: '{"(3,4,)"}' }]);
      },
    });
    expect(result.migration).toContain('DROP ATTRIBUTE gone');
    expect(result.remaining).toBe('');
  });

  it('reorders an enum under a domain and a composite in use and keeps the rows', async () => {
    const table = 'create domain dm as mood not null; create type pair as (m mood, n int); create table t (id int, d dm, p pair);';
    const result = await converge(`create type mood as enum ('a', 'b'); ${table}`, `create type mood as enum ('b', 'a'); ${table}`, shadow, {
      seed: "insert into t values (1, 'a', '(b,2)');",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, d::text, p::text from t'));
        expect(rows).toEqual([{ id: 1, d: 'a', p: '(b,2)' }]);
      },
    });
    expect(result.remaining).toBe('');
  });

  it('changes a range type in use and keeps the rows', async () => {
    const from = 'create type r as range (subtype = int4); create table t (id int, v r, m r_multirange);';
    const to = 'create type r as range (subtype = int8); create table t (id int, v r, m r_multirange);';
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, '[1,5)', '{[1,2),[4,6)}');",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, v::text, m::text from t'));
        expect(rows).toEqual([{ id: 1, v: '[1,5)', m: '{[1,2),[4,6)}' }]);
      },
    });
    expect(result.remaining).toBe('');
  });
});
