import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('sequences through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates a sequence with every option', '',
      'create sequence s as integer start with 5 increment by 2 minvalue 1 maxvalue 1000 cache 10 cycle;', ['CREATE SEQUENCE']],
    ['drops a sequence', 'create sequence s;', '', ['DROP SEQUENCE']],
    ['changes the type', 'create sequence s as integer;', 'create sequence s as bigint;', ['ALTER SEQUENCE']],
    ['narrows the type with explicit bounds', 'create sequence s as bigint maxvalue 1000;', 'create sequence s as smallint maxvalue 1000;',
      ['ALTER SEQUENCE']],
    ['changes start', 'create sequence s start 1;', 'create sequence s start 100;', ['ALTER SEQUENCE']],
    ['changes increment', 'create sequence s increment 1;', 'create sequence s increment 10;', ['ALTER SEQUENCE']],
    ['changes minvalue and maxvalue', 'create sequence s;', 'create sequence s minvalue -5 maxvalue 500 start 1;', ['ALTER SEQUENCE']],
    ['raises the bounds above the current value', 'create sequence s minvalue 1 maxvalue 50;', 'create sequence s minvalue 100 maxvalue 200;',
      ['ALTER SEQUENCE']],
    ['lowers the bounds below the current value', 'create sequence s minvalue 100 maxvalue 200;', 'create sequence s minvalue 1 maxvalue 50;',
      ['ALTER SEQUENCE']],
    ['changes cache', 'create sequence s;', 'create sequence s cache 20;', ['ALTER SEQUENCE']],
    ['turns cycle on', 'create sequence s;', 'create sequence s cycle;', ['ALTER SEQUENCE']],
    ['turns cycle off', 'create sequence s cycle;', 'create sequence s;', ['ALTER SEQUENCE']],
    ['creates an unlogged sequence', '', 'create unlogged sequence s;', ['CREATE UNLOGGED SEQUENCE']],
    ['makes a sequence unlogged in place, keeping its value', "create sequence s; select nextval('s');", 'create unlogged sequence s;', ['ALTER SEQUENCE']],
    ['makes an unlogged sequence logged in place', 'create unlogged sequence s;', 'create sequence s;', ['ALTER SEQUENCE']],
    ['creates a sequence in a new schema', '', 'create schema "Odd Schema"; create sequence "Odd Schema"."my seq";',
      ['CREATE SCHEMA', 'CREATE SEQUENCE']],
    ['adds OWNED BY', 'create table t (a int); create sequence s;', 'create table t (a int); create sequence s owned by t.a;', ['ALTER SEQUENCE']],
    ['removes OWNED BY', 'create table t (a int); create sequence s owned by t.a;', 'create table t (a int); create sequence s;', ['ALTER SEQUENCE']],
    ['moves OWNED BY to another column', 'create table t (a int, b int); create sequence s owned by t.a;',
      'create table t (a int, b int); create sequence s owned by t.b;', ['ALTER SEQUENCE']],
    ['keeps a sequence whose owning column is dropped', 'create table t (a int, b int); create sequence s owned by t.a;',
      'create table t (b int); create sequence s;', ['ALTER SEQUENCE', 'ALTER TABLE DROP COLUMN']],
    ['creates a table with a serial column', '', 'create table t (id serial primary key, n bigserial);',
      ['ALTER SEQUENCE', 'ALTER TABLE ADD CONSTRAINT', 'CREATE SEQUENCE', 'CREATE TABLE']],
    ['adds a serial column', 'create table t (a int);', 'create table t (a int, id serial);',
      ['ALTER SEQUENCE', 'ALTER TABLE ADD COLUMN', 'CREATE SEQUENCE']],
    ['drops a serial column', 'create table t (a int, id serial);', 'create table t (a int);', ['ALTER TABLE DROP COLUMN']],
    ['drops a table with a serial column', 'create table t (id serial);', '', ['DROP TABLE']],
    ['gives an existing column a sequence default', 'create table t (a int);',
      'create sequence s; create table t (a int default nextval(\'s\')); alter sequence s owned by t.a;',
      ['ALTER SEQUENCE', 'ALTER TABLE ALTER COLUMN', 'CREATE SEQUENCE']],
    ['drops a sequence a default used', 'create sequence s; create table t (a int default nextval(\'s\'));', 'create table t (a int);',
      ['ALTER TABLE ALTER COLUMN', 'DROP SEQUENCE']],
    ['ignores identity sequences', 'create table t (a int generated always as identity);',
      'create table t (a int generated always as identity); create sequence other;', ['CREATE SEQUENCE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes options in place and keeps the current value', async () => {
    const result = await converge('create sequence s;', 'create sequence s increment 5;', shadow, {
      seed: "select setval('s', 42);",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query<{ v: string }>('select last_value::text as v from s'));
        expect(rows[0]!.v).toBe('42');
      },
    });
    expect(result.migration).toContain('ALTER SEQUENCE public.s INCREMENT BY 5;');
    expect(result.migration).not.toContain('DROP SEQUENCE');
  });

  it('sees no difference in the current value', async () => {
    const result = await converge('create sequence s;', 'create sequence s;', shadow, { seed: "select setval('s', 42);" });
    expect(result.migration).toBe('');
  });

  // Production's values are read only for what changes, after both catalogs: these converge only
  // if they were, since PostgreSQL refuses bounds that leave out where a sequence stands.
  it('restarts a used sequence and identity whose new bounds leave out where they stand', async () => {
    const result = await converge(
      `create sequence s maxvalue 100; create table t (id int generated always as identity (maxvalue 100), n int);
       create sequence kept;`,
      `create sequence s maxvalue 50; create table t (id int generated always as identity (maxvalue 50), n int);
       create sequence kept;`,
      shadow,
      { seed: "select nextval('s') from generate_series(1, 60); select nextval('kept'); insert into t (n) select g from generate_series(1, 60) g;" },
    );
    expect(result.migration).toContain('ALTER SEQUENCE public.s MAXVALUE 50 RESTART WITH 1;');
    expect(result.migration).toMatch(/ALTER TABLE public\.t ALTER COLUMN id SET MAXVALUE 50 RESTART WITH 1;/);
    expect(result.migration).toContain('restarts public.s at 1: its value 60 is outside the new bounds');
    expect(result.remaining).toBe('');
  });

  it('marks a dropped sequence as data loss', async () => {
    const result = await converge('create sequence s;', '', shadow);
    expect(result.migration).toContain('-- hazard data-loss');
  });
});
