import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaFiles } from '../../src/db/load-schema.js';
import { createDatabase } from '../support/postgres.js';
import { startCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

/** readSchemaFiles of one file holding `content` (text, or bytes as they are on disk). */
async function read(content: string | Uint8Array, name = 'a.sql') {
  const dir = await tempDir();
  try {
    const file = path.join(dir.path, name);
    await writeFile(file, content);
    return await readSchemaFiles([file]);
  } finally {
    await dir.remove();
  }
}

describe('schema files hold declarations only', () => {
  it.each([
    ['insert into t values (1);', 'INSERT is not declarative'],
    ['delete from t;', 'DELETE is not declarative'],
    ['do $$ begin perform 1; end $$;', 'DO is not declarative'],
    ['call p();', 'CALL is not declarative'],
    ['copy t from stdin;', 'COPY is not declarative'],
    ['alter system set fsync = off;', 'ALTER SYSTEM is not declarative'],
    ['create role r;', 'CREATE ROLE is not declarative'],
    ['alter role r superuser;', 'ALTER ROLE is not declarative'],
    ['drop role r;', 'DROP ROLE is not declarative'],
    ['alter database other rename to x;', 'RENAME of a database reaches past the schema'],
    ['alter database other owner to r;', 'OWNER TO of a database reaches past the schema'],
    ['alter database other set work_mem = 1;', 'ALTER DATABASE is not declarative'],
    ['vacuum t;', 'VACUUM is not declarative'],
    ['checkpoint;', 'CHECKPOINT is not declarative'],
    ['listen c;', 'LISTEN is not declarative'],
    ['select pg_terminate_backend(1);', 'a SELECT runs functions'],
    ["select pg_catalog.set_config('search_path', current_setting('x'), false);", 'a SELECT runs functions'],
  ])('refuses %s at file:line:col before anything runs', async (sql, reason) => {
    await expect(read(`create table t (id int);\n\n  ${sql}\n`)).rejects.toThrow(new RegExp(`a\\.sql:3:3: ${reason}`));
  });

  it('accepts what people and pg_dump --schema-only write, DROP of objects included', async () => {
    const statements = await read(`SET statement_timeout = 0;
      SELECT pg_catalog.set_config('search_path', '', false);
      RESET client_min_messages;
      BEGIN;
      DROP TABLE IF EXISTS t;
      CREATE TABLE t (id int);
      ALTER TABLE t OWNER TO app;
      ALTER SCHEMA public RENAME TO pub;
      COMMENT ON TABLE t IS 'x';
      GRANT SELECT ON t TO app;
      REVOKE ALL ON t FROM PUBLIC;
      CREATE MATERIALIZED VIEW mv AS SELECT 1 WITH NO DATA;
      CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION f();
      ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT SELECT ON TABLES TO PUBLIC;
      COMMIT;`);
    expect(statements).toHaveLength(15);
  });
});

describe('schema files are UTF-8', () => {
  it('names the file, line, column and offset of the first byte that is not, instead of loading U+FFFD', async () => {
    // "café" saved as Latin-1: 0xe9 where UTF-8 has two bytes.
    const latin1 = Buffer.from("create table t (id int);\ncomment on table t is 'caf\xe9';\n", 'latin1');
    await expect(read(latin1)).rejects.toThrow(/\/a\.sql:2:27: not UTF-8 \(byte 0xe9 at offset 51\); save the file as UTF-8$/);
  });

  it('reads UTF-8 beyond ASCII as it is', async () => {
    const [statement] = await read("comment on table t is 'café ☕ 𝄞';\n");
    expect(statement!.sql).toContain('café ☕ 𝄞');
  });
});

describe('the embedded shadow', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    db = await createDatabase('copy');
  });
  afterAll(async () => {
    await db.drop();
  });

  // Issue #16 row 9: COPY … FROM STDIN reached PGlite, which waited for data forever.
  it('refuses COPY FROM STDIN before it reaches PGlite, rather than hang', async () => {
    const dir = await tempDir({ 'schema/a.sql': 'create table a (id int);\ncopy a from stdin;\n' });
    try {
      const { child, done } = startCli(['diff', '--database-url', db.url, '--schema', path.join(dir.path, 'schema')]);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const result = await done.finally(() => clearTimeout(timer));
      expect(result.signal, 'diff hung on COPY FROM STDIN and was killed').toBeNull();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('a.sql:2:1: COPY is not declarative');
    } finally {
      await dir.remove();
    }
  }, 90_000);
});
