import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/fact.js';
import { splitStatements } from '../../src/db/split-statements.js';
import { readDatabase } from '../../src/engine/compute-migration.js';
import { DEFAULT_GATED, planGate } from '../../src/plan/gate.js';
import { placeOf } from '../../src/plan/row-probe.js';
import { probeRows } from '../../src/plan/row-probes.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';

const PRODUCTION = `
  create table parent (id int primary key);
  insert into parent values (1), (2);
  create table pair (x int, y int, primary key (x, y));
  insert into pair values (1, 1);
  create table child (id int primary key, parent_id int, a int, b int, d int, label text, price numeric, email text, big int);
  insert into child values
    (1, 1,    1,    1,    1,    'short',               5,    'x@example.com', 1),
    (2, 3,    null, 2,    null, 'a much longer label', -1,   'X@example.com', 100000),
    (3, null, null, null, null, null,                  null, null,            null);
  alter table child add constraint price_nonnegative check (price >= 0) not valid;
  alter table child add constraint child_parent_unchecked foreign key (parent_id) references parent not valid;
  create function loud_eq(int, int) returns boolean volatile language sql as 'select $1 = $2';
  create operator === (function = loud_eq, leftarg = int, rightarg = int);
  analyze;`;

let production: Catalog;
let url: string;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createDatabase('row_probes');
  ({ url, drop } = db);
  await withConnection(url, (c) => runScript(c, PRODUCTION));
  production = (await readDatabase(url, { log: () => {} })).catalog;
});
afterAll(() => drop());

/** What the probes say of a plan's body against the production above: failures, then statements left unanswered. */
async function probe(sql: string, maxRows = 0): Promise<{ failures: string[]; unanswered: string[] }> {
  const gate = planGate(await splitStatements('pending.sql', sql), production, DEFAULT_GATED);
  const verdict = await probeRows(url, gate, maxRows);
  return {
    failures: verdict.failures.map((f) => `${placeOf(f.statement)} ${f.failure}`),
    unanswered: verdict.unanswered.map((u) => `${placeOf(u.statement)} ${u.reason}`),
  };
}

describe('row probes ask production whether a statement fails on its rows', () => {
  it.each<[string, string, string[]]>([
    ['a CHECK false for a row', 'ALTER TABLE public.child ADD CONSTRAINT price_positive CHECK (price > 0);', [
      'pending.sql:1 checks price_positive on public.child, and rows break it: (price > 0) is false for them',
    ]],
    ['a CHECK that NULL passes and every other row meets', 'ALTER TABLE public.child ADD CONSTRAINT price_above CHECK (price > -5);', []],
    ['a CHECK added NOT VALID, which reads no row', 'ALTER TABLE public.child ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID;', []],
    ['VALIDATE of a CHECK production holds NOT VALID', 'ALTER TABLE public.child VALIDATE CONSTRAINT price_nonnegative;', [
      'pending.sql:1 checks price_nonnegative on public.child, and rows break it: ((price >= (0)::numeric)) is false for them',
    ]],
    ['VALIDATE of a CHECK the plan adds NOT VALID', 'ALTER TABLE public.child ADD CONSTRAINT b_small CHECK (b < 2) NOT VALID;\nALTER TABLE public.child VALIDATE CONSTRAINT b_small;', [
      'pending.sql:2 checks b_small on public.child, and rows break it: (b < 2) is false for them',
    ]],
    ['VALIDATE of a foreign key production holds NOT VALID', 'ALTER TABLE public.child VALIDATE CONSTRAINT child_parent_unchecked;', [
      'pending.sql:1 adds foreign key child_parent_unchecked from public.child to parent, and rows of public.child reference no row of parent',
    ]],
    ['a foreign key a row breaks, to the referenced primary key', 'ALTER TABLE public.child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES public.parent;', [
      'pending.sql:1 adds foreign key child_parent from public.child to public.parent, and rows of public.child reference no row of public.parent',
    ]],
    ['a MATCH SIMPLE foreign key, which a key with a NULL passes', 'ALTER TABLE public.child ADD CONSTRAINT child_pair FOREIGN KEY (a, b) REFERENCES public.pair (x, y);', []],
    ['a MATCH FULL foreign key, which a half NULL key breaks', 'ALTER TABLE public.child ADD CONSTRAINT child_pair FOREIGN KEY (a, b) REFERENCES public.pair (x, y) MATCH FULL;', [
      'pending.sql:1 adds foreign key child_pair from public.child to public.pair, and rows of public.child reference no row of public.pair',
    ]],
    ['a foreign key to a table the plan makes, empty', 'CREATE TABLE public.fresh (id int PRIMARY KEY);\nALTER TABLE public.child ADD CONSTRAINT child_fresh FOREIGN KEY (parent_id) REFERENCES public.fresh (id);', [
      'pending.sql:2 adds foreign key child_fresh from public.child to public.fresh, and rows of public.child reference no row of public.fresh',
    ]],
    ['a unique constraint that NULLs do not break', 'ALTER TABLE public.child ADD CONSTRAINT child_d UNIQUE (d);', []],
    ['a unique constraint with NULLS NOT DISTINCT', 'ALTER TABLE public.child ADD CONSTRAINT child_d UNIQUE NULLS NOT DISTINCT (d);', [
      'pending.sql:1 adds unique constraint child_d to public.child, and rows of public.child share a key (d)',
    ]],
    ['a primary key on a column with a NULL', 'ALTER TABLE public.child ADD CONSTRAINT child_b PRIMARY KEY (b);', [
      'pending.sql:1 adds primary key child_b to public.child, and rows hold NULL in b',
    ]],
    ['a unique index on an expression', 'CREATE UNIQUE INDEX CONCURRENTLY child_email ON public.child USING btree (lower(email));', [
      'pending.sql:1 builds unique index child_email on public.child, and rows of public.child share a key (lower(email))',
    ]],
    ['a unique index in a collation that tells the rows apart', 'CREATE UNIQUE INDEX child_email ON public.child (email COLLATE "C");', []],
    ['a partial unique index whose predicate leaves the duplicate out', "CREATE UNIQUE INDEX child_email ON public.child (lower(email)) WHERE email <> 'X@example.com';", []],
    ['a primary key over an index the plan builds', 'CREATE UNIQUE INDEX CONCURRENTLY child_b_key ON public.child USING btree (b);\nALTER TABLE public.child ADD CONSTRAINT child_b_key PRIMARY KEY USING INDEX child_b_key;', [
      'pending.sql:2 adds primary key child_b_key to public.child, and rows hold NULL in b',
    ]],
    ['a type change to a shorter varchar, by assignment, which fails where a cast would cut', 'ALTER TABLE public.child ALTER COLUMN label TYPE varchar(10);', [
      'pending.sql:1 changes label of public.child to character varying(10), and a value of it does not convert: value too long for type character varying(10)',
    ]],
    ['a type change to a shorter character, by assignment', 'ALTER TABLE public.child ALTER COLUMN label TYPE char(5);', [
      'pending.sql:1 changes label of public.child to character(5), and a value of it does not convert: value too long for type character(5)',
    ]],
    ['a type change every value fits', 'ALTER TABLE public.child ALTER COLUMN label TYPE varchar(30);', []],
    ['a type change to a smaller integer', 'ALTER TABLE public.child ALTER COLUMN big TYPE smallint;', [
      'pending.sql:1 changes big of public.child to smallint, and a value of it does not convert: smallint out of range',
    ]],
    ['a statement after a backfill, whose rows production does not show', 'UPDATE public.child SET price = 1 WHERE price <= 0;\nALTER TABLE public.child ADD CONSTRAINT price_positive CHECK (price > 0);', []],
  ])('%s', async (_, sql, failures) => {
    expect(await probe(sql)).toEqual({ failures, unanswered: [] });
  });

  it('leaves unanswered, and never failed, what production cannot say or a probe must not run', async () => {
    expect(await probe('ALTER TABLE public.child ADD COLUMN flag int DEFAULT 0;\nALTER TABLE public.child ADD CONSTRAINT flag_set CHECK (flag > 0);')).toEqual({
      failures: [],
      unanswered: ['pending.sql:2 it reads public.child.flag, which "ALTER TABLE public.child ADD COLUMN flag int DEFAULT 0" changes first'],
    });
    expect(await probe('ALTER TABLE public.child ADD CONSTRAINT lucky CHECK (random() < 2);')).toEqual({
      failures: [],
      unanswered: ["pending.sql:1 it calls random, which a probe does not run on production"],
    });
    expect(await probe('ALTER TABLE public.child ADD CONSTRAINT a_one CHECK (a === 1);')).toEqual({
      failures: [],
      unanswered: ['pending.sql:1 it calls ===, which a probe does not run on production'],
    });
    // PostgreSQL refuses a subquery in a CHECK: run as a probe, it would read any table of
    // production and tell the merge request whether its rows match, to whoever edited the plan.
    expect(await probe('ALTER TABLE public.child ADD CONSTRAINT few_parents CHECK ((SELECT count(*) FROM public.parent) > 5);')).toEqual({
      failures: [],
      unanswered: ['pending.sql:1 it holds a subquery, which PostgreSQL refuses there; a probe does not run it on production'],
    });
    expect(await probe('ALTER TABLE public.child ADD CONSTRAINT price_positive CHECK (price > 0);', 2)).toEqual({
      failures: [],
      unanswered: ['pending.sql:1 public.child holds about 3 rows, more than probe_max_rows (2); not read'],
    });
  });
});
