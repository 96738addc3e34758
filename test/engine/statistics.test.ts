import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const table = 'create table t (a int, b int, c text);';

describe.each(SHADOW_KINDS)('extended statistics through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates statistics with kinds, columns, expressions and a target', table,
      table + `create statistics t_ab (ndistinct, dependencies) on a, b from t;
               create statistics t_expr on (a + b), lower(c) from t;
               alter statistics t_ab set statistics 500;`, ['ALTER STATISTICS', 'CREATE STATISTICS']],
    ['recreates statistics whose columns changed', table + 'create statistics t_ab on a, b from t;',
      table + 'create statistics t_ab (mcv) on a, c from t;', ['CREATE STATISTICS', 'DROP STATISTICS']],
    ['drops statistics', table + 'create statistics t_ab on a, b from t;', table, ['DROP STATISTICS']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes only the statistics target in place', async () => {
    const result = await converge(table + 'create statistics t_ab on a, b from t;',
      table + 'create statistics t_ab on a, b from t; alter statistics t_ab set statistics 200;', shadow);
    expect(result.migration).toContain('ALTER STATISTICS public.t_ab SET STATISTICS 200;');
    expect(result.migration).not.toContain('DROP STATISTICS');
    expect(result.remaining).toBe('');
  });
});
