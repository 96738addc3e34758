import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';
import { testRoles } from '../support/roles.js';

const [reader] = testRoles('reader');

// An enum whose values are removed or reordered is made anew aside; whatever uses it, taking or
// returning it, selecting a column of it, defaulting or checking with it, comes back around that.
const schema = (values: string) => `create schema app;
  create type app.mood as enum (${values});
  create function app.cheer(m app.mood) returns app.mood language sql as $$ select m $$;
  create function app.default_mood() returns app.mood language plpgsql as $$ begin return 'ok'; end $$;
  create table app.t (id int primary key, m app.mood not null default app.default_mood() check (m <> 'sad'),
    fallback app.mood default 'ok');
  create index t_happy on app.t (id) where m = 'happy';
  create view app.v as select id, m, app.cheer(m) as cheered from app.t;
  create view app.happy as select id from app.v where m = 'happy';
  grant execute on function app.cheer(app.mood) to ${reader};
  grant select on app.v, app.happy to ${reader};
  comment on function app.cheer(app.mood) is 'cheers';
  comment on view app.v is 'moods';`;

const rows = "insert into app.t values (1, 'ok', 'happy'), (2, 'happy', null);";

describe.each(SHADOW_KINDS)('an enum made anew under functions and views through a %s shadow', (shadow) => {
  const cases: [string, string, string][] = [
    ['reorders the values', "'sad', 'ok', 'happy'", "'happy', 'ok', 'sad'"],
    ['removes a value no row holds', "'sad', 'ok', 'happy', 'meh'", "'sad', 'happy', 'ok'"],
    ['puts the value back in the old order', "'happy', 'ok', 'sad'", "'sad', 'ok', 'happy'"],
  ];
  it.each(cases)('%s, keeping the rows, grants and comments', async (_name, before, after) => {
    const result = await converge(schema(before), schema(after), shadow, {
      seed: rows,
      inspect: (url) => withConnection(url, async (c) => {
        const { rows: kept } = await c.query('select id, m::text, fallback::text, cheered::text from app.v join app.t using (id, m) order by id');
        expect(kept).toEqual([
          { id: 1, m: 'ok', fallback: 'happy', cheered: 'ok' },
          { id: 2, m: 'happy', fallback: null, cheered: 'happy' },
        ]);
        const { rows: [facts] } = await c.query(`select
            has_function_privilege('${reader}', 'app.cheer(app.mood)', 'execute') as executes,
            has_table_privilege('${reader}', 'app.happy', 'select') as selects,
            obj_description('app.cheer(app.mood)'::regprocedure) as comment`);
        expect(facts).toEqual({ executes: true, selects: true, comment: 'cheers' });
      }),
    });
    expect(result.migration).toContain('DROP FUNCTION app.cheer');
    expect(result.remaining).toBe('');
  });
});
