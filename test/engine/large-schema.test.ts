/**
 * Issue 3's scale promise: a schema of 1,000 tables, 100 views and 100 functions converges through
 * both shadows. The schema is the benchmark's (bench/generate-schema.ts: mixed columns, keys,
 * indexes, foreign keys, checks, defaults, enums, triggers, and a second version that changes
 * about 5% of it), so the test and the benchmark measure the same thing.
 */
import { describe, expect, it } from 'vitest';
import { generateSchema, psqlOrder, type Version } from '../../bench/generate-schema.js';
import type { Action } from '../../src/diff/action.js';
import { renderScript } from '../../src/diff/script.js';
import { computeMigration, migrate, readDatabase } from '../../src/engine/compute-migration.js';
import { SHADOW_KINDS, type ShadowKind } from '../support/converge.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const TABLES = 1000;
/** Statements per transaction when applying: few enough locks for any server's lock table. */
const BATCH = 500;

/**
 * Runs the actions in the planned order, in transactions of at most BATCH statements (a statement
 * that refuses a transaction on its own). Not all in one: creating 1,000 tables with their keys,
 * indexes and sequences takes some 17,000 locks, more than a default server's lock table
 * (max_locks_per_transaction 64) promises, so one transaction fails or not depending on what else
 * the server runs. Convergence is about the statements, not about how they are batched.
 */
async function apply(url: string, actions: Action[]): Promise<void> {
  await withConnection(url, async (c) => {
    for (const setting of new Set(actions.flatMap((a) => a.settings))) await c.exec(`SET ${setting}`);
    let open = 0;
    const commit = async () => {
      if (open > 0) await c.exec('COMMIT');
      open = 0;
    };
    for (const a of actions) {
      if (!a.transactional || open === BATCH) await commit();
      if (!a.transactional) {
        await c.exec(a.sql);
        continue;
      }
      if (open === 0) await c.exec('BEGIN');
      await c.exec(a.sql);
      open++;
    }
    await commit();
  });
}

/** Version `version` of the schema loaded straight into the database at `url`, file by file as psql would. */
async function load(url: string, version: Version): Promise<void> {
  const files = generateSchema(TABLES, version);
  await withConnection(url, async (c) => {
    for (const file of psqlOrder(files)) await c.exec(files.get(file)!);
  });
}

/**
 * Diff the database at `url` against version `version`, apply, and diff again. The second diff
 * compares the migrated database with the catalog the shadow gave the first one: loading the same
 * files into a new shadow would give the same catalog and cost as much as the diff itself.
 */
async function migrateTo(url: string, version: Version, shadow: ShadowKind): Promise<{ migration: string; remaining: string }> {
  const dir = await tempDir(Object.fromEntries(generateSchema(TABLES, version)));
  try {
    const { actions, target } = await computeMigration({
      databaseUrl: url,
      schemaPath: dir.path,
      shadowUrl: shadow === 'server' ? serverUrl() : undefined,
      log: () => {},
    });
    await apply(url, actions);
    const migrated = await readDatabase(url, { log: () => {} });
    return { migration: renderScript(actions), remaining: renderScript(migrate(migrated.catalog, target, () => {})) };
  } finally {
    await dir.remove();
  }
}

/** Version 2 drops the last table and changes about 5% of the rest; nothing else may move. */
function expectVersion2(migration: string): void {
  expect(migration).toContain(`DROP TABLE public.t${TABLES - 1};`);
  expect(migration.match(/^CREATE TABLE /gm)).toBeNull();
}

// Each of these takes a while (a shadow loads 3,300 statements like psql does), so each shadow
// takes one way in: the server shadow builds the schema from nothing and then changes it, the
// PGlite shadow (PostgreSQL 18 against this server's 15) changes a schema psql loaded.
describe(`a schema of ${TABLES} tables, ${TABLES / 10} views and ${TABLES / 10} functions`, () => {
  it('converges from an empty database, then to version 2, through a server shadow', { timeout: 600_000 }, async () => {
    const db = await createDatabase('large_schema');
    try {
      const created = await migrateTo(db.url, 1, 'server');
      expect(created.migration.match(/^CREATE TABLE /gm)).toHaveLength(TABLES);
      expect(created.migration.match(/^CREATE VIEW /gm)).toHaveLength(TABLES / 10);
      expect(created.migration.match(/^CREATE (OR REPLACE )?FUNCTION /gm)).toHaveLength(TABLES / 10);
      expect(created.remaining).toBe('');

      const changed = await migrateTo(db.url, 2, 'server');
      expectVersion2(changed.migration);
      expect(changed.remaining).toBe('');
    } finally {
      await db.drop();
    }
  });

  // A whole PGlite load of 1,000 tables; with the engine's other PGlite cases under TEST_SHADOWS.
  it.runIf(SHADOW_KINDS.includes('pglite'))('converges from version 1 to version 2 through a PGlite shadow', { timeout: 600_000 }, async () => {
    const db = await createDatabase('large_schema');
    try {
      await load(db.url, 1);
      const changed = await migrateTo(db.url, 2, 'pglite');
      expectVersion2(changed.migration);
      expect(changed.remaining).toBe('');
    } finally {
      await db.drop();
    }
  });
});
