import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const table = 'create table t (id int not null, code text not null, doc text, n int);';
const codeIndex = 'create unique index t_code on t (code);';

describe.each(SHADOW_KINDS)('replica identity, storage parameters and column storage through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['sets replica identity to a new index', table, table + codeIndex + 'alter table t replica identity using index t_code;',
      ['ALTER TABLE REPLICA IDENTITY USING INDEX', 'CREATE UNIQUE INDEX']],
    ['moves replica identity from an index to nothing and drops the index', table + codeIndex + 'alter table t replica identity using index t_code;',
      table + 'alter table t replica identity nothing;', ['ALTER TABLE REPLICA IDENTITY NOTHING', 'DROP INDEX']],
    ['keeps replica identity on an index that is rebuilt', table + codeIndex + 'alter table t replica identity using index t_code;',
      table + 'create unique index t_code on t (code) include (id); alter table t replica identity using index t_code;',
      ['ALTER TABLE REPLICA IDENTITY DEFAULT', 'ALTER TABLE REPLICA IDENTITY USING INDEX', 'CREATE UNIQUE INDEX', 'DROP INDEX']],
    ['returns to the default replica identity', table + 'alter table t replica identity full;', table, ['ALTER TABLE REPLICA IDENTITY DEFAULT']],
    ['sets storage parameters of a table and its TOAST table', table,
      table + 'alter table t set (fillfactor = 70, autovacuum_enabled = false, toast.autovacuum_enabled = false);', ['ALTER TABLE SET']],
    ['changes and resets storage parameters', table + 'alter table t set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.1);',
      table + 'alter table t set (fillfactor = 80);', ['ALTER TABLE RESET']],
    ['sets column storage, compression and statistics target', table,
      table + `alter table t alter column doc set storage external, alter column doc set compression pglz,
               alter column n set statistics 500, alter column code set storage main;`, ['ALTER TABLE ALTER COLUMN']],
    ['returns column settings to their defaults', table + 'alter table t alter column doc set storage external, alter column n set statistics 500;', table,
      ['ALTER TABLE ALTER COLUMN']],
    // ALTER COLUMN TYPE gives the column its new type's storage, whatever it had.
    ['keeps a column storage setting across a change of type', table + 'alter table t alter column doc set storage external;',
      table.replace('doc text', 'doc varchar(200)') + 'alter table t alter column doc set storage external;', ['ALTER TABLE ALTER COLUMN']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes a storage parameter in place', async () => {
    const result = await converge(table + 'alter table t set (fillfactor = 70);', table + 'alter table t set (fillfactor = 90);', shadow);
    expect(result.migration).toContain(`ALTER TABLE public.t SET (fillfactor = '90');`);
    expect(result.remaining).toBe('');
  });
});
