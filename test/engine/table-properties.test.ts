import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

const table = 'create table t (id int not null, code text not null, doc text, n int);';
const codeIndex = 'create unique index t_code on t (code);';

describe.each(SHADOW_KINDS)('replica identity, storage parameters and column storage through a %s shadow', (shadow) => {
  const cases: [string, string, string][] = [
    ['sets replica identity to a new index', table, table + codeIndex + 'alter table t replica identity using index t_code;'],
    ['moves replica identity from an index to nothing and drops the index', table + codeIndex + 'alter table t replica identity using index t_code;',
      table + 'alter table t replica identity nothing;'],
    ['keeps replica identity on an index that is rebuilt', table + codeIndex + 'alter table t replica identity using index t_code;',
      table + 'create unique index t_code on t (code) include (id); alter table t replica identity using index t_code;'],
    ['returns to the default replica identity', table + 'alter table t replica identity full;', table],
    ['sets storage parameters of a table and its TOAST table', table,
      table + 'alter table t set (fillfactor = 70, autovacuum_enabled = false, toast.autovacuum_enabled = false);'],
    ['changes and resets storage parameters', table + 'alter table t set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.1);',
      table + 'alter table t set (fillfactor = 80);'],
    ['sets column storage, compression and statistics target', table,
      table + `alter table t alter column doc set storage external, alter column doc set compression pglz,
               alter column n set statistics 500, alter column code set storage main;`],
    ['returns column settings to their defaults', table + 'alter table t alter column doc set storage external, alter column n set statistics 500;', table],
    // ALTER COLUMN TYPE gives the column its new type's storage, whatever it had.
    ['keeps a column storage setting across a change of type', table + 'alter table t alter column doc set storage external;',
      table.replace('doc text', 'doc varchar(200)') + 'alter table t alter column doc set storage external;'],
  ];
  it.each(cases)('%s', async (_name, from, to) => {
    const result = await converge(from, to, shadow);
    expect(result.migration).not.toBe('');
    expect(result.remaining).toBe('');
  });

  it('changes a storage parameter in place', async () => {
    const result = await converge(table + 'alter table t set (fillfactor = 70);', table + 'alter table t set (fillfactor = 90);', shadow);
    expect(result.migration).toContain(`ALTER TABLE public.t SET (fillfactor = '90');`);
    expect(result.remaining).toBe('');
  });
});
