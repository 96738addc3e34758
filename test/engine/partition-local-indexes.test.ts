import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';

const tables = `create table m (k text, v int) partition by list (k);
  create table p1 partition of m for values in ('a');
  create table p2 partition of m for values in ('b');`;
const rows = "insert into m values ('a', 1), ('a', 2), ('b', 3);";

/** Each index of partition p1, and the parent index it is attached to, if any. */
async function p1Indexes(url: string) {
  const { rows: found } = await withConnection(url, (c) => c.query<{ name: string; parent: string | null }>(`
    select i.relname as name, (select p.relname from pg_inherits h join pg_class p on p.oid = h.inhparent where h.inhrelid = i.oid) as parent
    from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'p1'::regclass order by 1`));
  const { rows: [count] } = await withConnection(url, (c) => c.query('select count(*)::int as n from m'));
  expect(count).toEqual({ n: 3 });
  return found;
}

describe.each(SHADOW_KINDS)('a parent index with a matching local index on a partition through a %s shadow', (shadow) => {
  const written = {
    'created on the parent': 'create unique index m_k on m (k, v);',
    'attached as pg_dump writes it': `create unique index m_k on only m (k, v); create unique index p1_k on p1 (k, v);
      alter index m_k attach partition p1_k; create unique index p2_k on p2 (k, v); alter index m_k attach partition p2_k;`,
  };
  it.each(Object.entries(written))('attaches the local index rather than building a second, %s', async (_how, parentIndex) => {
    const result = await converge(`${tables} create unique index p1_k on p1 (k, v);`, `${tables} ${parentIndex}`, shadow, {
      seed: rows,
      inspect: async (url) => expect(await p1Indexes(url)).toEqual([{ name: 'p1_k', parent: 'm_k' }]),
    });
    expect(result.migration).not.toContain('DROP INDEX');
    expect(result.remaining).toBe('');
  });

  it('attaches a partition\'s index to a parent index left invalid rather than dropping it', async () => {
    const parentOnly = `${tables} create unique index m_k on only m (k, v); create unique index p1_k on p1 (k, v);
      alter index m_k attach partition p1_k; create unique index p2_k on p2 (k, v);`;
    const result = await converge(parentOnly, `${parentOnly} alter index m_k attach partition p2_k;`, shadow, {
      seed: rows,
      inspect: async (url) => {
        const { rows: [index] } = await withConnection(url, (c) => c.query(`select indisvalid as valid from pg_index where indexrelid = 'm_k'::regclass`));
        expect(index).toEqual({ valid: true });
        expect(await p1Indexes(url)).toEqual([{ name: 'p1_k', parent: 'm_k' }]);
      },
    });
    expect(result.migration).toContain('ALTER INDEX public.m_k ATTACH PARTITION public.p2_k;');
    expect(result.migration).not.toContain('DROP INDEX');
    expect(result.remaining).toBe('');
  });

  it('drops the parent index before making its partition\'s index of the same name standalone', async () => {
    const result = await converge(
      `${tables} create unique index m_k on only m (k, v); create unique index p1_k on p1 (k, v); alter index m_k attach partition p1_k;
        create unique index p2_k on p2 (k, v); alter index m_k attach partition p2_k;`,
      `${tables} create unique index p1_k on p1 (k, v);`,
      shadow,
      { seed: rows, inspect: async (url) => expect(await p1Indexes(url)).toEqual([{ name: 'p1_k', parent: null }]) },
    );
    expect(result.migration).toMatch(/DROP INDEX public\.m_k;[\s\S]*CREATE UNIQUE INDEX p1_k/);
    expect(result.remaining).toBe('');
  });
});
