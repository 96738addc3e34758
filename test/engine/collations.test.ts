import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('collations through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates libc collations used by a column, a domain and an index', '',
      `create collation posix from "POSIX"; create collation split (lc_collate = 'C', lc_ctype = 'POSIX');
       create domain d as text collate split; create table t (a text collate posix, b d);
       create index on t (a collate split); comment on collation posix is 'p';`,
      ['COMMENT ON COLLATION', 'CREATE COLLATION', 'CREATE DOMAIN', 'CREATE INDEX', 'CREATE TABLE']],
    ['drops a collation and the table using it', 'create collation c1 (locale = \'C\'); create table t (a text collate c1);', '',
      ['DROP COLLATION', 'DROP TABLE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('changes a collation in use and keeps the rows', async () => {
    const from = "create collation c1 (locale = 'C'); create table t (id int, a text collate c1 default 'z');";
    const to = "create collation c1 (lc_collate = 'C', lc_ctype = 'POSIX'); create table t (id int, a text collate c1 default 'z');";
    const result = await converge(from, to, shadow, {
      seed: "insert into t values (1, 'kept');",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, a from t'));
        expect(rows).toEqual([{ id: 1, a: 'kept' }]);
      },
    });
    expect(result.migration).toContain('ALTER COLLATION public.c1 RENAME TO');
    expect(result.remaining).toBe('');
  });
});
