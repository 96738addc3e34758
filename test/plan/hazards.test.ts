import { beforeAll, describe, expect, it } from 'vitest';
import type { Action, HazardKind } from '../../src/diff/action.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const FROM = `
  create type mood as enum ('a', 'b');
  create type shade as enum ('x', 'y');
  create table gone (id int);
  create table t (id int primary key, n int, price numeric(10,2), w int, code text, s shade, constraint t_code unique (code));
  create table p (a int, b int, constraint p_key unique (a));
  create table c (a int references p (a));
  create table r (id int, ref int);`;

const TO = `
  create type mood as enum ('a', 'b', 'c');
  create type shade as enum ('x');
  create table t (id int primary key, n int not null, price numeric(8,2), w bigint, code text, s shade);
  create index t_n on t (n);
  create table p (a int, b int, constraint p_key unique (a) include (b));
  create table c (a int references p (a));
  create table r (id int primary key, ref int references r (id));
  grant select on t to public;
  alter table r enable row level security;
  create policy r_own on r using (ref is null);`;

/** One migration that touches every hazard the engine knows of, read statement by statement. */
describe('hazards', () => {
  let actions: Action[];
  beforeAll(async () => {
    const db = await createDatabase('hazards');
    const dir = await tempDir({ 'schema.sql': TO });
    try {
      await withConnection(db.url, (c) => runScript(c, FROM));
      ({ actions } = await computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: () => {} }));
    } finally {
      await dir.remove();
      await db.drop();
    }
  });
  const flagged = (kind: HazardKind) => actions.filter((a) => a.hazards.some((h) => h.kind === kind)).map((a) => a.sql);

  it.each<[HazardKind, RegExp]>([
    ['data-loss', /^DROP TABLE public\.gone/],
    ['data-dependent', /ALTER COLUMN price TYPE numeric\(8,2\)/],
    ['data-loss', /^ALTER TYPE public\.shade RENAME/],
    ['table-rewrite', /ALTER COLUMN price TYPE/],
    ['full-scan-under-lock', /ALTER COLUMN n SET NOT NULL/],
    ['blocking-index', /^CREATE INDEX t_n /],
    ['fk-lock', /ADD CONSTRAINT r_ref_fkey FOREIGN KEY/],
    ['constraint-index-lock', /ADD CONSTRAINT r_pkey PRIMARY KEY/],
    ['non-transactional', /^ALTER TYPE public\.mood ADD VALUE 'c'/],
    ['data-dependent', /ALTER COLUMN n SET NOT NULL/],
    ['breaking-change', /DROP CONSTRAINT t_code/],
    ['cascade-recreate', /^ALTER TABLE public\.c DROP CONSTRAINT c_a_fkey/],
    ['authz-change', /^GRANT SELECT ON .*public\.t TO PUBLIC/],
    ['authz-change', /^ALTER TABLE public\.r ENABLE ROW LEVEL SECURITY/],
    ['authz-change', /^CREATE POLICY r_own /],
  ])('%s flags %s', (kind, statement) => {
    expect(flagged(kind).some((sql) => statement.test(sql))).toBe(true);
  });

  it('does not call a widening type change data loss', () => {
    const widen = actions.find((a) => /ALTER COLUMN w TYPE bigint/.test(a.sql))!;
    expect(widen.hazards.map((h) => h.kind)).toEqual(['table-rewrite']);
  });

  it('calls a conversion that can only fail data-dependent, not data loss', () => {
    const narrower = actions.find((a) => /ALTER COLUMN price TYPE numeric\(8,2\)/.test(a.sql))!;
    expect(narrower.hazards.map((h) => h.kind)).toEqual(['table-rewrite', 'data-dependent']);
  });
});
