import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';
import { statementKinds } from '../support/statement-kinds.js';

// A partition's own primary key or unique constraint can have its index attached to an index of
// the partitioned parent: the parent's index cannot be dropped without the key, nor the key
// without the parent's index, and the parent's index adopts the key's when it is created after it.
const tables = `create table m (k text not null, v int not null) partition by list (k);
  create table p1 partition of m for values in ('a');`;
const rows = "insert into m values ('a', 1), ('a', 2);";
const indexWithKey = `create unique index m_k on only m (k, v); alter table p1 add constraint p1_pkey primary key (k, v);
  alter index m_k attach partition p1_pkey;`;

/** Each index of partition p1, the parent index it is attached to and the constraint that owns it. */
async function p1Indexes(url: string) {
  const { rows: found } = await withConnection(url, (c) => c.query(`
    select i.relname as name,
           (select p.relname from pg_inherits h join pg_class p on p.oid = h.inhparent where h.inhrelid = i.oid) as parent,
           (select con.conname from pg_constraint con where con.conindid = i.oid and con.conrelid = x.indrelid) as constraint
    from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'p1'::regclass order by 1`));
  const { rows: [count] } = await withConnection(url, (c) => c.query('select count(*)::int as n from m'));
  expect(count).toEqual({ n: 2 });
  return found;
}

describe.each(SHADOW_KINDS)('a partition key attached to its parent\'s index through a %s shadow', (shadow) => {
  const cases: { name: string; from: string; to: string; writes: RegExp; p1: object[]; statements: string[] }[] = [
    {
      name: 'drops the parent index with the key through CASCADE when a unique constraint takes their place',
      from: indexWithKey,
      to: 'alter table m add constraint m_k unique (k, v);',
      writes: /DROP INDEX public\.m_k CASCADE;[\s\S]*ALTER TABLE public\.m ADD CONSTRAINT m_k UNIQUE \(k, v\);/,
      p1: [{ name: 'p1_k_v_key', parent: 'm_k', constraint: 'p1_k_v_key' }],
      statements: ['ALTER TABLE ADD CONSTRAINT', 'DROP INDEX'],
    },
    {
      name: 'adds the key before the parent index, which adopts it',
      from: 'alter table m add constraint m_k unique (k, v);',
      to: indexWithKey,
      writes: /ALTER TABLE public\.m DROP CONSTRAINT m_k;[\s\S]*ADD CONSTRAINT p1_pkey PRIMARY KEY \(k, v\);[\s\S]*CREATE UNIQUE INDEX m_k ON public\.m/,
      p1: [{ name: 'p1_pkey', parent: 'm_k', constraint: 'p1_pkey' }],
      statements: ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT', 'CREATE UNIQUE INDEX'],
    },
    {
      name: 'makes the key again where the parent index goes and the key stays',
      from: indexWithKey,
      to: 'alter table p1 add constraint p1_pkey primary key (k, v);',
      writes: /DROP INDEX public\.m_k CASCADE;[\s\S]*ALTER TABLE public\.p1 ADD CONSTRAINT p1_pkey PRIMARY KEY \(k, v\);/,
      p1: [{ name: 'p1_pkey', parent: null, constraint: 'p1_pkey' }],
      statements: ['ALTER TABLE ADD CONSTRAINT', 'DROP INDEX'],
    },
    {
      name: 'makes the parent index again where the key goes and the index stays',
      from: indexWithKey,
      to: 'create unique index m_k on m (k, v);',
      writes: /DROP INDEX public\.m_k CASCADE;[\s\S]*CREATE UNIQUE INDEX m_k ON public\.m/,
      p1: [{ name: 'p1_k_v_idx', parent: 'm_k', constraint: null }],
      statements: ['CREATE UNIQUE INDEX', 'DROP INDEX'],
    },
  ];
  it.each(cases)('$name', async ({ from, to, writes, p1, statements }) => {
    const result = await converge(`${tables} ${from}`, `${tables} ${to}`, shadow, {
      seed: rows,
      inspect: async (url) => expect(await p1Indexes(url)).toEqual(p1),
    });
    expect(result.migration).toMatch(writes);
    expect(result.migration).not.toContain('DROP CONSTRAINT p1_pkey');
    expect(await statementKinds(result.migration)).toEqual(statements);
    expect(result.remaining).toBe('');
  });

  it('drops and restores a foreign key to the key it takes along, and says so', async () => {
    const referencing = 'create table r (k text, v int, foreign key (k, v) references p1 (k, v));';
    const result = await converge(`${tables} ${indexWithKey} ${referencing}`, `${tables} alter table p1 add primary key (k, v); ${referencing}`, shadow, {
      seed: rows,
    });
    expect(result.migration).toMatch(/ALTER TABLE public\.r DROP CONSTRAINT r_k_v_fkey;[\s\S]*DROP INDEX public\.m_k CASCADE;[\s\S]*ADD CONSTRAINT p1_pkey[\s\S]*ADD CONSTRAINT r_k_v_fkey/);
    expect(result.migration).toMatch(/hazard cascade-recreate: drops .*p1_pkey/);
    expect(await statementKinds(result.migration)).toEqual(['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT', 'DROP INDEX']);
    expect(result.remaining).toBe('');
  });
});
