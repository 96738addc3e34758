import { describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/engine/read-catalog.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { EVERY_INDEX_FEATURE, INDEXED_TABLE } from '../support/index-features.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';

const partitioned = `
  create table m (d date, v int) partition by range (d);
  create table m_2020 partition of m for values from ('2020-01-01') to ('2021-01-01');`;

describe.each(SHADOW_KINDS)('indexes through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates indexes with every feature', '', EVERY_INDEX_FEATURE + 'create unique index t_nnd on t (b) nulls not distinct;',
      ['CREATE INDEX', 'CREATE TABLE', 'CREATE UNIQUE INDEX']],
    ['adds an index to an existing table', INDEXED_TABLE, INDEXED_TABLE + 'create index t_a on t (a);', ['CREATE INDEX']],
    ['drops an index', INDEXED_TABLE + 'create index t_a on t (a);', INDEXED_TABLE, ['DROP INDEX']],
    ['changes an index', INDEXED_TABLE + 'create index t_a on t (a);', INDEXED_TABLE + 'create unique index t_a on t (a, b) where a is not null;',
      ['CREATE UNIQUE INDEX', 'DROP INDEX']],
    ['changes only the storage of an index', INDEXED_TABLE + 'create index t_a on t (a);', INDEXED_TABLE + 'create index t_a on t (a) with (fillfactor = 50);',
      ['CREATE INDEX', 'DROP INDEX']],
    ['quotes names', '', `
      create schema "My Schema";
      create table "My Schema"."Table" ("Col" int, "select" int);
      create index "Index.Name" on "My Schema"."Table" ("Col", "select");`, ['CREATE INDEX', 'CREATE SCHEMA', 'CREATE TABLE']],
    ['creates a partitioned table with an index', '', partitioned + 'create index m_v on m (v); create unique index m_dv on m (d, v);',
      ['CREATE INDEX', 'CREATE TABLE', 'CREATE UNIQUE INDEX']],
    ['adds an index to an existing partitioned table', partitioned, partitioned + 'create index m_v on m (v);', ['CREATE INDEX']],
    ['changes the index of a partitioned table', partitioned + 'create index m_v on m (v);', partitioned + 'create index m_v on m (v, d);',
      ['CREATE INDEX', 'DROP INDEX']],
    ['keeps a partition\'s own index', partitioned, partitioned + 'create index m_2020_local on m_2020 (v);', ['CREATE INDEX']],
    ['recreates a foreign key around the unique index it references', `
      create table p (id int, v int);
      create unique index p_id on p (id);
      create table c (pid int references p (id));`, `
      create table p (id int, v int);
      create unique index p_id on p (id) where v is null or v is not null;
      create unique index p_id2 on p (id) include (v);
      create table c (pid int references p (id));`,
      ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT', 'CREATE UNIQUE INDEX', 'DROP INDEX']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('creates an index on an existing table with a blocking-index hazard, and without ONLY', async () => {
    const result = await converge(partitioned, partitioned + 'create index m_v on m (v);', shadow);
    expect(result.migration).toContain('-- hazard blocking-index:');
    expect(result.migration).toContain('CREATE INDEX m_v ON public.m USING btree (v);');
    expect(result.remaining).toBe('');
  });
});

describe('index extraction', () => {
  it('leaves out indexes that a constraint owns or that a partition attached, and reads those of materialized views', async () => {
    const db = await createDatabase('indexes');
    try {
      const catalog = await withConnection(db.url, async (c) => {
        await runScript(c, `
          create extension btree_gist;
          create table p (id int primary key, code text unique, r int4range, exclude using gist (r with &&));
          ${partitioned}
          alter table m add primary key (d, v);
          create index m_v on m (v);
          create materialized view mv as select 1 as x;
          create index mv_x on mv (x);
          create index p_code_lower on p (lower(code));`);
        return extractCatalog(c);
      });
      const indexes = [...catalog.values()].filter((f) => f.kind === 'index').map((f) => f.id);
      expect(indexes.sort()).toEqual(['index:public.m_v', 'index:public.mv_x', 'index:public.p_code_lower']);
      expect(catalog.get('index:public.mv_x')!.parent).toBe('matview:public.mv');
      const constraints = [...catalog.values()].filter((f) => f.kind === 'constraint').map((f) => f.id);
      expect(constraints.sort()).toEqual([
        'constraint:public.m.m_pkey',
        'constraint:public.p.p_code_key',
        'constraint:public.p.p_pkey',
        'constraint:public.p.p_r_excl',
      ]);
    } finally {
      await db.drop();
    }
  });
});
