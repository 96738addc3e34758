import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const base = `create extension if not exists pgcrypto; create schema app; create table app.t (a int, b int);
  create sequence app.s; create type app.mood as enum ('a');`;
const comments = (text: string) => `
  comment on schema app is ${text}; comment on table app.t is ${text}; comment on column app.t.a is ${text};
  comment on sequence app.s is ${text}; comment on type app.mood is ${text}; comment on extension pgcrypto is ${text};`;
/** What adding, changing or removing those comments takes: COMMENT ON every object, nothing else. */
const COMMENTED = ['COMMENT ON COLUMN', 'COMMENT ON EXTENSION', 'COMMENT ON SCHEMA', 'COMMENT ON SEQUENCE', 'COMMENT ON TABLE', 'COMMENT ON TYPE'];

const constrained = `create table c (id int constraint c_pk primary key, v int constraint v_pos check (v > 0));
  create index c_v on c (v);`;

describe.each(SHADOW_KINDS)('comments through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['adds comments on every kind', base, base + comments("'first'"), COMMENTED],
    ['changes comments', base + comments("'first'"), base + comments("'second'"), COMMENTED],
    ['removes comments', base + comments("'first'"), base, COMMENTED],
    ['keeps quotes and backslashes', base, base + comments(String.raw`E'it''s a \\ back\slash\\n and "quotes"'`), COMMENTED],
    ['comments on objects created with them', '', base + comments("'new'"),
      [...COMMENTED, 'CREATE EXTENSION', 'CREATE SCHEMA', 'CREATE SEQUENCE', 'CREATE TABLE', 'CREATE TYPE']],
    ['drops objects with their comments', base + comments("'gone'"), 'create extension if not exists pgcrypto;',
      ['COMMENT ON EXTENSION', 'DROP SCHEMA', 'DROP SEQUENCE', 'DROP TABLE', 'DROP TYPE']],
    ['comments on a column of a table whose column is dropped', 'create table t (a int, b int); comment on column t.b is \'x\';',
      'create table t (a int);', ['ALTER TABLE DROP COLUMN']],
    ['comments on the public schema', '', "comment on schema public is 'mine';", ['COMMENT ON SCHEMA']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('comments on constraints and indexes', async () => {
    const commented = `${constrained} comment on constraint c_pk on c is 'pk'; comment on constraint v_pos on c is 'positive';
      comment on index c_v is 'by v';`;
    expect((await converge(constrained, commented, shadow)).remaining).toBe('');
    expect((await converge(commented, constrained, shadow)).remaining).toBe('');
  });

  it('writes COMMENT ON with the target named by its own rule', async () => {
    const result = await converge('create table t (a int);', "create table t (a int); comment on column t.a is 'it''s';", shadow);
    expect(result.migration).toBe("BEGIN;\nCOMMENT ON COLUMN public.t.a IS 'it''s';\nCOMMIT;\n");
  });

  it('comments on the columns of views and materialized views, and brings them back when a view is made anew', async () => {
    const views = (order: string) => `create table t (a int, b int); create view v as select ${order} from t;
      create materialized view m as select a from t;`;
    const commented = (order: string) => `${views(order)} comment on column v.a is 'the a'; comment on column m.a is 'counted';`;
    const added = await converge(views('a, b'), commented('a, b'), shadow);
    expect(added.migration).toContain("COMMENT ON COLUMN public.v.a IS 'the a';");
    expect(added.migration).toContain("COMMENT ON COLUMN public.m.a IS 'counted';");
    expect(added.remaining).toBe('');
    // Reordered columns make the view anew, which takes its column comments along.
    const remade = await converge(commented('a, b'), commented('b, a'), shadow);
    expect(remade.migration).toMatch(/DROP VIEW public\.v;[^]*COMMENT ON COLUMN public\.v\.a IS 'the a';/);
    expect(remade.remaining).toBe('');
  });

  it('removes a comment with IS NULL', async () => {
    const result = await converge("create table t (a int); comment on table t is 'x';", 'create table t (a int);', shadow);
    expect(result.migration).toBe('BEGIN;\nCOMMENT ON TABLE public.t IS NULL;\nCOMMIT;\n');
  });
});
