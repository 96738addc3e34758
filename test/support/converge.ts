import { fingerprint } from '../../src/catalog/fingerprint.js';
import { renderScript } from '../../src/diff/script.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { createDatabase, serverUrl, withConnection } from './postgres.js';
import { runScript } from './run-script.js';
import { tempDir } from './temp-dir.js';

export type ShadowKind = 'server' | 'pglite';
const ALL_SHADOWS: ShadowKind[] = ['server', 'pglite'];

/**
 * The shadows the table-driven suites run through: TEST_SHADOWS (comma separated), else the
 * server alone. Every case through PGlite too is `npm run test:all-shadows` (over an hour on two
 * cores: PGlite starts a WebAssembly PostgreSQL per shadow, about a second each, several times a
 * server shadow's cost); `npm test` keeps PGlite where it differs from a server (the application
 * round trips, the CLI's default shadow, the majors PGlite reads otherwise) within CI's time.
 */
function testShadows(): ShadowKind[] {
  const named = (process.env.TEST_SHADOWS ?? 'server').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = named.filter((s) => !ALL_SHADOWS.includes(s as ShadowKind));
  if (unknown.length > 0) throw new Error(`TEST_SHADOWS names ${unknown.join(', ')}; the shadows are ${ALL_SHADOWS.join(', ')}`);
  return named as ShadowKind[];
}

export const SHADOW_KINDS: ShadowKind[] = testShadows();

/** Both shadows, for the few checks that must hold through PGlite on every run. */
export const EVERY_SHADOW: ShadowKind[] = ALL_SHADOWS;

export interface Convergence {
  /** The migration from `from` to `to`. */
  migration: string;
  /** What a second diff finds after applying it: empty when the engine converged. */
  remaining: string;
  /** Of the migrated database and of the shadow in that second diff: equal when they read alike. */
  fingerprints: { database: string; shadow: string };
}

/** How a test diff reads: the server a server shadow is made on, and whether owners count. */
export interface DiffOptions {
  shadowServer?: string;
  owners?: boolean;
}

/** The migration from the database at `url` to `schemaSql`, and both sides' fingerprints. */
async function diffWithFingerprints(url: string, schemaSql: string, shadow: ShadowKind, options: DiffOptions) {
  const dir = await tempDir({ 'schema.sql': schemaSql });
  try {
    const { actions, source, target } = await computeMigration({
      databaseUrl: url,
      schemaPath: dir.path,
      shadowUrl: shadow === 'server' ? (options.shadowServer ?? serverUrl()) : undefined,
      owners: options.owners,
      log: () => {},
    });
    return { script: renderScript(actions), fingerprints: { database: fingerprint(source), shadow: fingerprint(target) } };
  } finally {
    await dir.remove();
  }
}

/** Diffs the database at `url` against `schemaSql` (written to a temporary schema file). */
export async function diffAgainst(url: string, schemaSql: string, shadow: ShadowKind, options: DiffOptions = {}): Promise<string> {
  return (await diffWithFingerprints(url, schemaSql, shadow, options)).script;
}

/**
 * The engine's contract: load `from`, diff to `to`, apply, and the second diff is empty.
 * `seed` runs after `from` is loaded (seed rows), `inspect` looks at the migrated database, `owners`
 * compares owners too. `server` is where the target database lives, and with it a server shadow:
 * the tests' server unless another (another PostgreSQL major) is named.
 */
export async function converge(
  from: string,
  to: string,
  shadow: ShadowKind,
  hooks: { seed?: string; inspect?: (url: string) => Promise<void>; owners?: boolean; server?: string } = {},
): Promise<Convergence> {
  const server = hooks.server ?? serverUrl();
  const db = await createDatabase('converge', server);
  try {
    await withConnection(db.url, async (c) => {
      if (from.trim()) await runScript(c, from, 'from.sql');
      if (hooks.seed) await runScript(c, hooks.seed, 'seed.sql');
    });
    const options = { shadowServer: server, owners: hooks.owners };
    const migration = await diffAgainst(db.url, to, shadow, options);
    await withConnection(db.url, (c) => runScript(c, migration, 'migration.sql'));
    const second = await diffWithFingerprints(db.url, to, shadow, options);
    await hooks.inspect?.(db.url);
    return { migration, remaining: second.script, fingerprints: second.fingerprints };
  } finally {
    await db.drop();
  }
}
