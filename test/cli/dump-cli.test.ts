import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/engine/read-catalog.js';
import { fingerprint } from '../../src/catalog/fingerprint.js';
import { loadStatements, readSchemaFiles } from '../../src/db/load-schema.js';
import { resolveSchemaFiles } from '../../src/db/schema-files.js';
import { diffAgainst, SHADOW_KINDS } from '../support/converge.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const SCHEMA = `
  create schema app;
  create table app.customers (id int generated always as identity, name text not null, "Nick Name" text);
  create table public.orders (id bigint not null, placed date default current_date) partition by range (placed);
  create table public.orders_2026 partition of public.orders for values from ('2026-01-01') to ('2027-01-01');
  create unlogged table public.cache (k text, v jsonb);
  create function public.customer_count() returns bigint language sql as 'select count(*) from app.customers';
`;

describe('schema-bot dump', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    db = await createDatabase('dump');
    await withConnection(db.url, (c) => c.exec(SCHEMA));
  });
  afterAll(() => db.drop());

  it('writes one file per table that load back into the same catalog', async () => {
    const out = await tempDir();
    const empty = await createDatabase('dump_load');
    try {
      const result = await runCli(['dump', '--database-url', db.url, '--out', out.path], { cwd: out.path });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/wrote \d+ file\(s\)/);
      const files = (await readdir(out.path, { recursive: true })).sort();
      expect(files).toEqual(expect.arrayContaining([
        'schemas.sql', 'tables/app.customers.sql', 'tables/public.orders.sql', 'tables/public.orders_2026.sql',
      ]));
      expect(await readFile(`${out.path}/tables/app.customers.sql`, 'utf8')).toContain('"Nick Name" text');

      const statements = await readSchemaFiles(await resolveSchemaFiles(out.path));
      const [original, loaded] = await Promise.all([
        withConnection(db.url, extractCatalog),
        withConnection(empty.url, async (c) => {
          await loadStatements(c, statements);
          return extractCatalog(c);
        }),
      ]);
      expect(fingerprint(loaded)).toBe(fingerprint(original));
      expect(await diffAgainst(db.url, statements.map((s) => s.sql).join(';\n'), 'pglite')).toBe('');
    } finally {
      await out.remove();
      await empty.drop();
    }
  });

  it('writes files that psql can run one by one in name order, functions before the tables they read', async () => {
    const out = await tempDir();
    const empty = await createDatabase('dump_psql');
    try {
      expect((await runCli(['dump', '--database-url', db.url, '--out', out.path], { cwd: out.path })).code).toBe(0);
      const files = (await readdir(out.path, { recursive: true })).filter((f) => f.endsWith('.sql')).sort();
      expect(files.indexOf('functions.sql')).toBeLessThan(files.indexOf('tables/app.customers.sql'));
      await withConnection(empty.url, async (c) => {
        for (const file of files) await runScript(c, await readFile(`${out.path}/${file}`, 'utf8'), file);
        const { rows } = await c.query<{ n: string }>('select public.customer_count() as n');
        expect(rows[0]!.n).toBe('0');
      });
    } finally {
      await out.remove();
      await empty.drop();
    }
  });

  it.each(SHADOW_KINDS)('reads back as no change through a %s shadow: a public schema without its comment, a parameter named json, a view reading itself', async (shadow) => {
    const production = await createDatabase('dump_fidelity');
    const out = await tempDir();
    try {
      await withConnection(production.url, (c) => c.exec(`
        comment on schema public is null;
        create function public.pretty(json json, out system_user text) language sql as 'select $1::text';
        create table public.projects (id int primary key);
        create view public.self_recursive_view as table public.projects;
        create or replace view public.self_recursive_view as table public.self_recursive_view;`));
      expect((await runCli(['dump', '--database-url', production.url, '--out', out.path], { cwd: out.path })).code).toBe(0);
      const statements = await readSchemaFiles(await resolveSchemaFiles(out.path));
      expect(await diffAgainst(production.url, statements.map((s) => s.sql).join(';\n'), shadow)).toBe('');
    } finally {
      await out.remove();
      await production.drop();
    }
  });

  it('refuses to write over a directory that already holds schema files', async () => {
    const out = await tempDir({ 'mine.sql': 'create table keep_me (id int);' });
    try {
      const result = await runCli(['dump', '--database-url', db.url, '--out', out.path], { cwd: out.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('already holds .sql files; pass --force');
      expect(await readdir(out.path)).toEqual(['mine.sql']);
    } finally {
      await out.remove();
    }
  });
});
