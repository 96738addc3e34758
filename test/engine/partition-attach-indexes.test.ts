import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';

// ATTACH PARTITION adopts a local index that matches one of the parent's; when the schema keeps
// that index standalone beside the parent's, the plan has to keep it out of ATTACH's way.
const parent = `create table m (k text, v int) partition by list (k);
  create index m_k_v on m (k, v);`;

describe.each(SHADOW_KINDS)('attaching a partition with indexes of its own through a %s shadow', (shadow) => {
  it('keeps an index that matches the parent\'s standalone', async () => {
    const result = await converge(
      `${parent} create table p1 (k text, v int); create index p1_own on p1 (k, v);`,
      `${parent} create table p1 (k text, v int); alter table m attach partition p1 for values in ('a');
        create index p1_own on p1 (k, v);`,
      shadow,
      {
        inspect: (url) => withConnection(url, async (c) => {
          const { rows } = await c.query<{ relname: string; attached: boolean }>(`
            select i.relname, exists (select 1 from pg_inherits where inhrelid = i.oid) as attached
            from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'p1'::regclass order by 1`);
          expect(rows.find((r) => r.relname === 'p1_own')?.attached).toBe(false);
          expect(rows.filter((r) => r.attached)).toHaveLength(1);
        }),
      },
    );
    expect(result.remaining).toBe('');
  });

  it('leaves an index that does not match the parent\'s in place', async () => {
    const result = await converge(
      `${parent} create table p1 (k text, v int); create index p1_v on p1 (v);`,
      `${parent} create table p1 (k text, v int); alter table m attach partition p1 for values in ('a');
        create index p1_v on p1 (v);`,
      shadow,
    );
    expect(result.migration).not.toContain('DROP INDEX');
    expect(result.remaining).toBe('');
  });
});
