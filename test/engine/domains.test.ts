import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('domains through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates a domain used by a table, with default, NOT NULL, collation and checks', '',
      `create domain email as text collate "C" default 'x@y' not null constraint has_at check (value like '%@%');
       create domain small as int check (value < 10); create table t (e email, s small[]);`, ['CREATE DOMAIN', 'CREATE TABLE']],
    ['drops a domain and the table using it', 'create domain d as int; create table t (v d);', '', ['DROP DOMAIN', 'DROP TABLE']],
    ['sets and drops a default and NOT NULL in place', 'create domain a as int not null; create domain b as int default 1;',
      'create domain a as int default 2; create domain b as int not null;', ['ALTER DOMAIN']],
    ['adds, drops and changes check constraints',
      'create domain d as int constraint keep check (value > 0) constraint gone check (value < 100) constraint moved check (value <> 5);',
      'create domain d as int constraint keep check (value > 0) constraint moved check (value <> 6) constraint fresh check (value <> 7);',
      ['ALTER DOMAIN']],
    ['adds a NOT VALID constraint', 'create domain d as int; create table t (v d); insert into t values (-1);',
      'create domain d as int; alter domain d add constraint pos check (value > 0) not valid; create table t (v d);', ['ALTER DOMAIN']],
    ['validates a NOT VALID constraint', 'create domain d as int; alter domain d add constraint pos check (value > 0) not valid;',
      'create domain d as int constraint pos check (value > 0);', ['ALTER DOMAIN']],
    ['creates a domain over a domain', '', 'create domain d as int check (value > 0); create domain dd as d check (value < 10); create table t (v dd);',
      ['CREATE DOMAIN', 'CREATE TABLE']],
    ['keeps a comment on a domain and its constraint',
      "create domain d as int constraint c check (value > 0); comment on domain d is 'dom';",
      "create domain d as int constraint c check (value > 0); comment on domain d is 'dom2'; comment on constraint c on domain d is 'con';",
      ['COMMENT ON CONSTRAINT', 'COMMENT ON DOMAIN']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes the base type of a domain in use and keeps the rows', async () => {
    const from = "create domain code as varchar(3) default 'abc' check (value <> ''); create table t (id int, c code default 'x', cs code[]);";
    const to = "create domain code as text default 'abc' check (value <> ''); create table t (id int, c code default 'x', cs code[]);";
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, 'ab', '{a,b}'), (2, null, null);",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, c::text, cs::text from t order by id'));
        expect(rows).toEqual([{ id: 1, c: 'ab', cs: '{a,b}' }, { id: 2, c: null, cs: null }]);
      },
    });
    expect(result.migration).toContain('ALTER DOMAIN public.code RENAME TO');
    expect(result.remaining).toBe('');
  });
});
