import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { loadStatements } from '../../src/db/load-schema.js';
import { splitStatements } from '../../src/db/split-statements.js';
import { createDatabase } from '../support/postgres.js';

async function loadInto(files: Record<string, string>): Promise<{ tables: string[]; log: string[] }> {
  const db = await createDatabase('load');
  const c = await connect(db.url);
  try {
    const statements = [];
    for (const [file, sql] of Object.entries(files)) statements.push(...(await splitStatements(file, sql)));
    const log: string[] = [];
    await loadStatements(c, statements, (m) => log.push(m));
    const { rows } = await c.query<{ t: string }>(
      `select n.nspname || '.' || c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    return { tables: rows.map((r) => r.t), log };
  } finally {
    await c.close();
    await db.drop();
  }
}

describe('loading schema files', () => {
  it('loads many statements in dependency order without deferring any', async () => {
    const tables = Array.from({ length: 450 }, (_, i) => `create table t${i} (id int primary key${i ? `, p int references t${i - 1}` : ''}) -- t${i}\n;`);
    const result = await loadInto({ 'tables.sql': tables.join('\n') });
    expect(result.tables).toHaveLength(450);
    expect(result.log).toEqual([]);
  });

  it('takes files of nothing, of whitespace or of comments alone as files without statements', async () => {
    const result = await loadInto({
      'empty.sql': '',
      'blank.sql': ' \n\t\n',
      'notes.sql': '-- the tables live in tables.sql\n/* nested /* comment */ too */\n',
      'tables.sql': 'create table kept (id int); -- trailing comment',
    });
    expect(result.tables).toEqual(['public.kept']);
    expect(await splitStatements('notes.sql', '-- only a comment')).toEqual([]);
  });

  it('defers what refers to objects declared later, across files and batches', async () => {
    const result = await loadInto({
      'a.sql': 'create table app.orders (id int, customer int references app.customers);',
      'b.sql': `create table app.customers (id int primary key, mood app.mood);\n${'select 1;\n'.repeat(300)}`,
      'c.sql': "create type app.mood as enum ('ok');\ncreate schema app;",
    });
    expect(result.tables).toEqual(['app.customers', 'app.orders']);
    expect(result.log.length).toBeGreaterThan(0);
  });

  it('creates schemas and enum types first, unless a SET makes the order matter', async () => {
    const typesLast = await loadInto({
      'tables.sql': 'create table app.t (m app.mood);',
      'types.sql': "create type app.mood as enum ('a');\ncreate schema app;",
    });
    expect(typesLast).toEqual({ tables: ['app.t'], log: [] });
    // Moved ahead of the SET, the enum would land in public and app.t could never be created.
    const withSet = await loadInto({
      'a.sql': 'create table app.t (m app.mood);',
      'b.sql': "create schema app;\nset search_path = app;\ncreate type mood as enum ('a');",
    });
    expect(withSet.tables).toEqual(['app.t']);
    expect(withSet.log.length).toBeGreaterThan(0);
  });

  it('runs statements that cannot share a transaction one by one', async () => {
    const result = await loadInto({
      'enum.sql': "create type mood as enum ('a');\nalter type mood add value 'b';\ncreate table t (m mood default 'b');",
    });
    expect(result.tables).toEqual(['public.t']);
  });
});
