import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('enum types through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates an enum', '', "create type mood as enum ('sad', 'ok', 'happy');", ['CREATE TYPE']],
    ['creates an enum with quotes and backslashes', '', "create schema \"S\"; create type \"S\".\"Mood\" as enum ('it''s', 'a\\b', '');",
      ['CREATE SCHEMA', 'CREATE TYPE']],
    ['drops an enum', "create type mood as enum ('a');", '', ['DROP TYPE']],
    ['creates a table using a new enum', '', "create type mood as enum ('a', 'b'); create table t (m mood default 'b', ms mood[]);",
      ['CREATE TABLE', 'CREATE TYPE']],
    ['drops a table and its enum', "create type mood as enum ('a'); create table t (m mood);", '', ['DROP TABLE', 'DROP TYPE']],
    ['adds a value at the end', "create type mood as enum ('a', 'b');", "create type mood as enum ('a', 'b', 'c');", ['ALTER TYPE']],
    ['adds a value at the start', "create type mood as enum ('a', 'b');", "create type mood as enum ('z', 'a', 'b');", ['ALTER TYPE']],
    ['adds a value in the middle', "create type mood as enum ('a', 'b');", "create type mood as enum ('a', 'x', 'b');", ['ALTER TYPE']],
    ['adds several values everywhere', "create type mood as enum ('a', 'b');",
      "create type mood as enum ('y', 'z', 'a', 'p', 'q', 'b', 'c', 'd');", ['ALTER TYPE']],
    ['adds values to an empty enum', 'create type mood as enum ();', "create type mood as enum ('a', 'b');", ['ALTER TYPE']],
    ['adds a value used by a new default', "create type mood as enum ('a'); create table t (m mood default 'a');",
      "create type mood as enum ('a', 'b'); create table t (m mood default 'b');", ['ALTER TABLE ALTER COLUMN', 'ALTER TYPE']],
    ['reorders values', "create type mood as enum ('a', 'b'); create table t (m mood default 'a', ms mood[]);",
      "create type mood as enum ('b', 'a'); create table t (m mood default 'a', ms mood[]);",
      ['ALTER TABLE ALTER COLUMN', 'ALTER TYPE', 'CREATE TYPE', 'DROP TYPE']],
    ['reorders values and moves a default to a new one', "create type mood as enum ('a', 'b'); create table t (m mood default 'a');",
      "create type mood as enum ('b', 'a', 'c'); create table t (m mood not null default 'c');",
      ['ALTER TABLE ALTER COLUMN', 'ALTER TYPE', 'CREATE TYPE', 'DROP TYPE']],
    ['removes a value of a commented type', "create type mood as enum ('a', 'b'); comment on type mood is 'feelings';",
      "create type mood as enum ('a'); comment on type mood is 'feelings';", ['ALTER TYPE', 'COMMENT ON TYPE', 'CREATE TYPE', 'DROP TYPE']],
    ['removes a value while a column is dropped', "create type mood as enum ('a', 'b'); create table t (m mood, n mood);",
      "create type mood as enum ('a'); create table t (n mood);",
      ['ALTER TABLE ALTER COLUMN', 'ALTER TABLE DROP COLUMN', 'ALTER TYPE', 'CREATE TYPE', 'DROP TYPE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('adds values outside the transaction', async () => {
    const result = await converge("create type mood as enum ('a', 'c');", "create type mood as enum ('a', 'b', 'c', 'd');", shadow);
    const alone = '-- hazard non-transactional: runs outside a transaction and does not roll back with the rest\n';
    expect(result.migration).toBe(
      `${alone}ALTER TYPE public.mood ADD VALUE 'b' AFTER 'a';\n${alone}ALTER TYPE public.mood ADD VALUE 'd';\n`,
    );
  });

  it('removes a value and keeps the rows that do not hold it', async () => {
    const from = `create type mood as enum ('sad', 'ok', 'happy');
      create table t (id int, m mood not null default 'ok', ms mood[]);`;
    const to = `create type mood as enum ('happy', 'ok');
      create table t (id int, m mood not null default 'ok', ms mood[]);`;
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, 'ok', '{happy,ok}'), (2, 'happy', null);",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) =>
          c.query<{ id: number; m: string; ms: string | null }>('select id, m::text, ms::text from t order by id'),
        );
        expect(rows).toEqual([{ id: 1, m: 'ok', ms: '{happy,ok}' }, { id: 2, m: 'happy', ms: null }]);
      },
    });
    expect(result.migration).toContain('-- hazard data-loss');
    expect(result.migration).toContain('-- hazard data-dependent');
    expect(result.remaining).toBe('');
  });
});
