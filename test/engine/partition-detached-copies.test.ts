import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';
import { statementKinds } from '../support/statement-kinds.js';

// DETACH leaves the partition with its own copy of each of the parent's indexes, keys, foreign
// keys and checks, and with its parent's NOT NULL columns: the plan keeps, renames or drops each
// as the target declares the table.
const referenced = 'create table r (k text primary key);';
const parent = `create table m (k text not null references r, v int check (v > 0)) partition by list (k);
  create index m_v on m (v); alter table m add constraint m_k_v unique (k, v);`;
const partition = "create table p1 partition of m for values in ('a');";

/** The constraints and indexes of table p1 by name, with its row count. */
async function onP1(url: string) {
  return withConnection(url, async (c) => {
    const { rows: constraints } = await c.query<{ name: string }>("select conname as name from pg_constraint where conrelid = 'p1'::regclass order by 1");
    const { rows: indexes } = await c.query<{ name: string }>("select indexrelid::regclass::text as name from pg_index where indrelid = 'p1'::regclass order by 1");
    const { rows: [count] } = await c.query<{ n: number }>('select count(*)::int as n from p1');
    return { constraints: constraints.map((r) => r.name), indexes: indexes.map((r) => r.name), rows: count!.n };
  });
}

describe.each(SHADOW_KINDS)('a partition detached into a table of its own through a %s shadow', (shadow) => {
  const cases: { name: string; table: string; writes: RegExp[]; absent: RegExp; p1: object; statements: string[] }[] = [
    {
      name: 'keeps what the table declares as the partition held it',
      table: `create table p1 (k text not null, v int, constraint m_k_fkey foreign key (k) references r, constraint m_v_check check (v > 0),
        constraint p1_k_v_key unique (k, v)); create index p1_v_idx on p1 (v);`,
      writes: [],
      absent: /public\.p1 (ADD|DROP|RENAME)|INDEX/,
      p1: { constraints: ['m_k_fkey', 'm_v_check', 'p1_k_v_key'], indexes: ['p1_k_v_key', 'p1_v_idx'], rows: 2 },
      statements: ['ALTER TABLE DETACH PARTITION'],
    },
    {
      name: 'renames what the table declares under other names',
      table: `create table p1 (k text not null, v int, constraint p1_k_fkey foreign key (k) references r, constraint p1_v_check check (v > 0),
        constraint p1_key unique (k, v)); create index p1_v on p1 (v);`,
      writes: [
        /ALTER INDEX public\.p1_v_idx RENAME TO p1_v;/,
        /ALTER TABLE public\.p1 RENAME CONSTRAINT m_k_fkey TO p1_k_fkey;/,
        /ALTER TABLE public\.p1 RENAME CONSTRAINT m_v_check TO p1_v_check;/,
        /ALTER TABLE public\.p1 RENAME CONSTRAINT p1_k_v_key TO p1_key;/,
      ],
      absent: /public\.p1 (ADD|DROP)|(CREATE|DROP) INDEX/,
      p1: { constraints: ['p1_k_fkey', 'p1_key', 'p1_v_check'], indexes: ['p1_key', 'p1_v'], rows: 2 },
      statements: ['ALTER INDEX', 'ALTER TABLE DETACH PARTITION', 'ALTER TABLE RENAME CONSTRAINT'],
    },
    {
      name: 'drops what the table does not declare, and the NOT NULL it no longer has',
      table: 'create table p1 (k text, v int);',
      writes: [
        /DETACH PARTITION public\.p1;[\s\S]*DROP INDEX IF EXISTS public\.p1_v_idx;/,
        /ALTER TABLE public\.p1 DROP CONSTRAINT IF EXISTS m_k_fkey;/,
        /ALTER TABLE public\.p1 DROP CONSTRAINT IF EXISTS m_v_check;/,
        /ALTER TABLE public\.p1 DROP CONSTRAINT IF EXISTS p1_k_v_key;/,
        /ALTER TABLE public\.p1 ALTER COLUMN k DROP NOT NULL;/,
      ],
      absent: /public\.p1 ADD|CREATE INDEX/,
      p1: { constraints: [], indexes: [], rows: 2 },
      statements: ['ALTER TABLE ALTER COLUMN', 'ALTER TABLE DETACH PARTITION', 'ALTER TABLE DROP CONSTRAINT IF EXISTS', 'DROP INDEX IF EXISTS'],
    },
  ];
  it.each(cases)('$name', async ({ table, writes, absent, p1, statements }) => {
    const result = await converge(`${referenced} ${parent} ${partition}`, `${referenced} ${parent} ${table}`, shadow, {
      seed: "insert into r values ('a'); insert into m values ('a', 1), ('a', 2);",
      inspect: async (url) => expect(await onP1(url)).toEqual(p1),
    });
    for (const expected of writes) expect(result.migration).toMatch(expected);
    expect(result.migration).not.toMatch(absent);
    expect(await statementKinds(result.migration)).toEqual(statements);
    expect(result.remaining).toBe('');
  });
});

describe.each(SHADOW_KINDS)('a table made partitioned or unpartitioned, with its partitions kept, through a %s shadow', (shadow) => {
  const plain = 'create table m (k text not null references r, v int check (v > 0)); create index m_v on m (v); alter table m add constraint m_k_v unique (k, v);';
  const ownTable = `create table p1 (k text not null, v int, constraint m_k_fkey foreign key (k) references r, constraint m_v_check check (v > 0),
    constraint p1_k_v_key unique (k, v)); create index p1_v_idx on p1 (v);`;
  const replaced = /-- hazard data-loss: drops table public\.m and all its rows\n(--.*\n)*DROP TABLE public\.m;/;
  const cases: { name: string; from: string; to: string; seed: string; writes: RegExp[]; absent?: RegExp; statements: string[] }[] = [
    {
      name: 'detaches the partitions before it replaces the parent, and flags the parent\'s rows as lost',
      from: `${parent} ${partition}`,
      to: `${plain} ${ownTable}`,
      seed: "insert into m values ('a', 1);",
      writes: [/DETACH PARTITION public\.p1;[\s\S]*DROP TABLE public\.m;[\s\S]*CREATE TABLE public\.m \(/, replaced],
      absent: /public\.p1 (ADD|DROP)|p1_v_idx/,
      statements: ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DETACH PARTITION', 'CREATE INDEX', 'CREATE TABLE', 'DROP TABLE'],
    },
    {
      name: 'attaches tables to the partitioned table that replaces it, adopting their own indexes and keys',
      from: `${plain} ${ownTable}`,
      to: `${parent} ${partition}`,
      seed: "insert into m values ('a', 1); insert into p1 values ('a', 1);",
      writes: [/DROP TABLE public\.m;[\s\S]*ATTACH PARTITION public\.p1 FOR VALUES IN \('a'\);/, replaced],
      absent: /public\.p1 (ADD|DROP)|DROP INDEX/,
      statements: ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE ATTACH PARTITION', 'CREATE INDEX', 'CREATE TABLE', 'DROP TABLE'],
    },
    {
      name: 'gives a table the parent\'s checks and NOT NULL before attaching it',
      from: `${plain} create table p1 (k text, v int);`,
      to: `${parent} ${partition}`,
      seed: "insert into p1 values ('a', 1);",
      writes: [
        /ALTER TABLE public\.p1 ALTER COLUMN k SET NOT NULL;[\s\S]*ATTACH PARTITION public\.p1/,
        /ALTER TABLE public\.p1 ADD CONSTRAINT m_v_check CHECK \(\(v > 0\)\);[\s\S]*ATTACH PARTITION public\.p1/,
      ],
      statements: ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE ALTER COLUMN', 'ALTER TABLE ATTACH PARTITION', 'CREATE INDEX', 'CREATE TABLE', 'DROP TABLE'],
    },
  ];
  it.each(cases)('$name', async ({ from, to, seed, writes, absent, statements }) => {
    const result = await converge(`${referenced} ${from}`, `${referenced} ${to}`, shadow, {
      seed: `insert into r values ('a'); ${seed}`,
      inspect: async (url) => expect(await onP1(url)).toEqual({
        constraints: ['m_k_fkey', 'm_v_check', 'p1_k_v_key'], indexes: ['p1_k_v_key', 'p1_v_idx'], rows: 1,
      }),
    });
    for (const expected of writes) expect(result.migration).toMatch(expected);
    if (absent) expect(result.migration).not.toMatch(absent);
    expect(await statementKinds(result.migration)).toEqual(statements);
    expect(result.remaining).toBe('');
  });
});
