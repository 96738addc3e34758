import { describe, expect, it } from 'vitest';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { createDatabase, serverUrl } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { unmodelledIn } from '../support/unmodelled.js';

// Wrappers without a handler need no extension: PGlite ships no postgres_fdw, and a foreign table
// is created (never read) the same way whatever its wrapper.
const wrapper = `
  create foreign data wrapper remote_pg options (debug 'false');
  create server billing foreign data wrapper remote_pg options (host 'billing.internal', dbname 'billing');`;

const mappings = `
  create user mapping for current_user server billing options (user 'reporter', password 'never-in-a-plan');
  create user mapping for public server billing;`;

const tables = `
  create foreign table invoices (id integer options (column_name 'invoice_id') not null, total numeric(12,2), note text default 'none')
    server billing options (schema_name 'public', table_name 'invoices');
  create view big_invoices as select id from invoices where total > 1000;`;

const all = wrapper + mappings + tables;

describe.each(SHADOW_KINDS)('foreign data wrappers, servers, user mappings and foreign tables through a %s shadow', (shadow) => {
  it('creates them all, and models every one', async () => {
    let unmodelled: string[] = [];
    const result = await converge('', all, shadow, { inspect: async (url) => void (unmodelled = await unmodelledIn(url)) });
    expect(result.migration).toContain(
      'CREATE FOREIGN DATA WRAPPER remote_pg NO HANDLER NO VALIDATOR OPTIONS (debug \'false\');');
    expect(result.migration).toContain("CREATE SERVER billing FOREIGN DATA WRAPPER remote_pg OPTIONS (host 'billing.internal', dbname 'billing');");
    expect(result.migration).toContain('CREATE USER MAPPING FOR CURRENT_USER SERVER billing;');
    expect(result.migration).toContain('CREATE USER MAPPING FOR PUBLIC SERVER billing;');
    expect(result.migration).toContain(
      "CREATE FOREIGN TABLE public.invoices (id integer OPTIONS (column_name 'invoice_id') NOT NULL, total numeric(12,2), note text DEFAULT 'none'::text) SERVER billing OPTIONS (schema_name 'public', table_name 'invoices');");
    // Credentials are never read, so never planned.
    expect(result.migration).not.toContain('never-in-a-plan');
    expect(result.migration).not.toContain('reporter');
    expect(result.remaining).toBe('');
    expect(unmodelled).toEqual([]);
  });

  it('changes options and version in place', async () => {
    const to = all
      .replace("options (debug 'false')", "options (debug 'true')")
      .replace("dbname 'billing'", "dbname 'billing2', port '5433'")
      .replace('server billing foreign', "server billing version '16' foreign")
      .replace("table_name 'invoices'", "table_name 'invoices_v2'");
    const result = await converge(all, to, shadow);
    expect(result.migration).toBe(`BEGIN;
ALTER FOREIGN DATA WRAPPER remote_pg OPTIONS (SET debug 'true');
ALTER SERVER billing VERSION '16' OPTIONS (SET dbname 'billing2', ADD port '5433');
ALTER FOREIGN TABLE public.invoices OPTIONS (SET table_name 'invoices_v2');
COMMIT;
`);
    expect(result.remaining).toBe('');
  });

  it('makes a foreign table again, with its views, when a column changes', async () => {
    const result = await converge(all, all.replace('note text', 'memo text'), shadow);
    expect(result.migration).toMatch(/DROP VIEW public\.big_invoices;\n(--.*\n)?DROP FOREIGN TABLE public\.invoices;/);
    expect(result.migration).toContain('memo text');
    expect(result.remaining).toBe('');
  });

  it('comments on a foreign table and on its columns', async () => {
    const commented = `${all} comment on foreign table invoices is 'from billing'; comment on column invoices.total is 'with tax';`;
    const result = await converge(all, commented, shadow);
    expect(result.migration).toContain("COMMENT ON FOREIGN TABLE public.invoices IS 'from billing';");
    expect(result.migration).toContain("COMMENT ON COLUMN public.invoices.total IS 'with tax';");
    expect(result.remaining).toBe('');
  });

  it('adds a CHECK constraint by making the foreign table again', async () => {
    const result = await converge(all, `${all} alter foreign table invoices add constraint positive check (total > 0);`, shadow);
    expect(result.migration).toContain('CONSTRAINT positive CHECK ((total > (0)::numeric))) SERVER billing');
    expect(result.remaining).toBe('');
  });

  it("makes a server on an extension's wrapper, which PGlite ships file_fdw of", async () => {
    const files = 'create extension file_fdw; create server files foreign data wrapper file_fdw;';
    const result = await converge('', files, shadow);
    expect(result.migration).toContain('CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;');
    expect(result.remaining).toBe('');
  });

  it('drops them, mappings and tables before their server and wrapper', async () => {
    const result = await converge(all, '', shadow);
    const at = (sql: string) => result.migration.indexOf(sql);
    expect(at('DROP FOREIGN TABLE public.invoices;')).toBeGreaterThan(-1);
    expect(at('DROP USER MAPPING FOR CURRENT_USER SERVER billing;')).toBeLessThan(at('DROP SERVER billing;'));
    expect(at('DROP SERVER billing;')).toBeLessThan(at('DROP FOREIGN DATA WRAPPER remote_pg;'));
    expect(result.remaining).toBe('');
  });
});

it("asks on stderr for a new user mapping's options to be set by hand, and never prints their values", async () => {
  const db = await createDatabase('mapping');
  const dir = await tempDir({ 'schema.sql': all });
  const log: string[] = [];
  try {
    await computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: (m) => log.push(m) });
  } finally {
    await dir.remove();
    await db.drop();
  }
  // The mapping is the shadow's sandbox role's own, so pg_user_mappings shows it the keys; values are never read.
  expect(log).toContain(
    "warning: USER MAPPING FOR CURRENT_USER SERVER billing is created without options, which hold credentials: " +
      "set those it needs by hand with ALTER USER MAPPING FOR CURRENT_USER SERVER billing OPTIONS (ADD password '…', ADD \"user\" '…');");
  expect(log.join('\n')).not.toMatch(/never-in-a-plan|reporter/);
});

it("refuses, in a server shadow, a wrapper whose validator the files declare: it would run as the shadow's admin", async () => {
  const db = await createDatabase('wrapper');
  const dir = await tempDir({ 'schema.sql': `
    create function lax(text[], oid) returns void language sql as 'select';
    create foreign data wrapper lax_fdw validator lax options (anything 'goes');` });
  try {
    await expect(computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: () => {} }))
      .rejects.toThrow("a foreign-data wrapper's validator must be a function PostgreSQL or an extension ships, not lax");
  } finally {
    await dir.remove();
    await db.drop();
  }
});

it('makes servers, mappings and foreign tables on postgres_fdw, which only a server shadow has', async () => {
  const remote = `create extension postgres_fdw;
    create server reports foreign data wrapper postgres_fdw options (host 'reports.internal', dbname 'reports');
    create user mapping for public server reports options (user 'reader', password 'never-in-a-plan');
    create foreign table daily (day date, total bigint) server reports options (table_name 'daily_totals');`;
  const result = await converge('', remote, 'server');
  expect(result.migration).toContain("CREATE FOREIGN TABLE public.daily (day date, total bigint) SERVER reports OPTIONS (table_name 'daily_totals');");
  expect(result.migration).not.toContain('never-in-a-plan');
  expect(result.remaining).toBe('');
});
