import { renderScript } from '../../src/diff/script.js';
import { computeMigration } from '../../src/plan/compute-migration.js';
import { createDatabase, serverUrl, withConnection } from './postgres.js';
import { runScript } from './run-script.js';
import { tempDir } from './temp-dir.js';

export type ShadowKind = 'server' | 'pglite';
export const SHADOW_KINDS: ShadowKind[] = ['server', 'pglite'];

export interface Convergence {
  /** The migration from `from` to `to`. */
  migration: string;
  /** What a second diff finds after applying it: empty when the engine converged. */
  remaining: string;
}

/** Diffs the database at `url` against `schemaSql` (written to a temporary schema file). */
export async function diffAgainst(url: string, schemaSql: string, shadow: ShadowKind, owners = false): Promise<string> {
  const dir = await tempDir({ 'schema.sql': schemaSql });
  try {
    const { actions } = await computeMigration({
      databaseUrl: url,
      schemaPath: dir.path,
      shadowUrl: shadow === 'server' ? serverUrl() : undefined,
      owners,
      log: () => {},
    });
    return renderScript(actions);
  } finally {
    await dir.remove();
  }
}

/**
 * The engine's contract: load `from`, diff to `to`, apply, and the second diff is empty.
 * `seed` runs after `from` is loaded (seed rows), `inspect` looks at the migrated database, `owners`
 * compares owners too.
 */
export async function converge(
  from: string,
  to: string,
  shadow: ShadowKind,
  hooks: { seed?: string; inspect?: (url: string) => Promise<void>; owners?: boolean } = {},
): Promise<Convergence> {
  const db = await createDatabase('converge');
  try {
    await withConnection(db.url, async (c) => {
      if (from.trim()) await runScript(c, from, 'from.sql');
      if (hooks.seed) await runScript(c, hooks.seed, 'seed.sql');
    });
    const migration = await diffAgainst(db.url, to, shadow, hooks.owners);
    await withConnection(db.url, (c) => runScript(c, migration, 'migration.sql'));
    const remaining = await diffAgainst(db.url, to, shadow, hooks.owners);
    await hooks.inspect?.(db.url);
    return { migration, remaining };
  } finally {
    await db.drop();
  }
}
