import { describe, expect, it } from 'vitest';
import { portableArrayCasts } from '../../src/catalog/array-casts.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';

// `s IN ('a', 'b')` on a varchar column is stored as a cast of the whole array to text[]; the text
// PostgreSQL prints for it (what pg_dump writes, what a plan carries) reads back as a cast of each
// element. Both are one expression and must compare equal; another list must not.
const inList = (values: string) => `create domain code as varchar(10) check (value in (${values}));
  create table t (id int, s varchar(10) check (s in (${values})), c code);
  create index t_s on t (s) where s in (${values});`;

const asDumped = `create domain code as varchar(10)
    check (((VALUE)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])));
  create table t (id int, s varchar(10) check (((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))), c code);
  create index t_s on t using btree (s) where ((s)::text = any ((array['a'::character varying, 'b'::character varying])::text[]));`;

describe.each(SHADOW_KINDS)('IN lists rewritten to = ANY (ARRAY[…]) through a %s shadow', (shadow) => {
  it('finds nothing to do where production was restored from the deparsed text', async () => {
    const result = await converge(asDumped, inList("'a', 'b'"), shadow);
    expect(result.migration).toBe('');
  });

  it('changes a list, keeps the rows, and a second plan finds nothing', async () => {
    const result = await converge(inList("'a', 'b'"), inList("'a', 'b', 'c'"), shadow, {
      seed: "insert into t values (1, 'a', 'b'), (2, null, 'a');",
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query('select id, s, c from t order by id'));
        expect(rows).toEqual([{ id: 1, s: 'a', c: 'b' }, { id: 2, s: null, c: 'a' }]);
      },
    });
    expect(result.migration).toContain("'c'::character varying");
    expect(result.remaining).toBe('');
  });

  it('still tells a list from another of the same length', async () => {
    const result = await converge(asDumped, inList("'a', 'c'"), shadow);
    expect(result.migration).toContain('DROP CONSTRAINT t_s_check');
    expect(result.migration).toContain('DROP INDEX public.t_s');
    expect(result.remaining).toBe('');
  });
});

describe('an array-wide cast read as PostgreSQL reads its text back', () => {
  it('casts each element, literals with commas and brackets included', () => {
    expect(portableArrayCasts("((s)::text = ANY ((ARRAY['a,]'::character varying, 'b'::character varying(3)])::text[]))"))
      .toBe("((s)::text = ANY (ARRAY[('a,]'::character varying)::text, ('b'::character varying(3))::text]))");
  });

  it('leaves nested arrays and arrays without a cast as they are', () => {
    for (const text of ['(x = ANY ((ARRAY[ARRAY[1, 2]])::bigint[]))', "(s = ANY (ARRAY['a'::text, 'b'::text]))", "(ARRAY['a'])::text"]) {
      expect(portableArrayCasts(text)).toBe(text);
    }
  });
});
