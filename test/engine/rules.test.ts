import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const tables = 'create table t (id int, v text); create table log (id int, v text);';
const rule = 'create rule t_log as on insert to t do also insert into log values (new.id, new.v);';

describe.each(SHADOW_KINDS)('rules through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates a rule and its disabled state', tables, tables + rule + 'alter table t disable rule t_log;',
      ['ALTER TABLE DISABLE RULE', 'CREATE RULE']],
    ['enables a rule for replicas only', tables + rule, tables + rule + 'alter table t enable replica rule t_log;',
      ['ALTER TABLE ENABLE REPLICA RULE']],
    ['drops a rule', tables + rule, tables, ['DROP RULE']],
    ['drops a rule before the column its action uses', tables + 'alter table t add column w int;' + rule.replace('new.v)', 'new.v || new.w)'), tables,
      ['ALTER TABLE DROP COLUMN', 'DROP RULE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes a rule in place with CREATE OR REPLACE', async () => {
    const result = await converge(tables + rule, tables + rule.replace('also', 'instead'), shadow);
    expect(result.migration).toContain('CREATE OR REPLACE RULE t_log AS');
    expect(result.migration).not.toContain('DROP RULE');
    expect(result.remaining).toBe('');
  });
});
