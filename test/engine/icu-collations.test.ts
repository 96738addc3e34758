import { describe, expect, it } from 'vitest';
import { converge } from '../support/converge.js';

/**
 * A server built with ICU has a `<tag>-x-icu` collation for every ICU locale from initdb; PGlite
 * has none but `und-x-icu`, so the PGlite shadow makes the ones the schema names. (A server shadow
 * has them already, as the target does.)
 */
describe('ICU collations initdb makes, through a PGlite shadow', () => {
  it('loads a schema that names them, unqualified and in pg_catalog, and converges', async () => {
    const to = `
      create table users (id int, name varchar(255) collate pg_catalog."de-x-icu");
      create domain ja_text as text collate "ja-JP-x-icu";
      create view user_view as select users.id, (users.name collate "ja-JP-x-icu") as name from users;`;
    const result = await converge('', to, 'pglite');
    expect(result.migration).toContain('COLLATE "ja-JP-x-icu"');
    expect(result.remaining).toBe('');
  });
});
