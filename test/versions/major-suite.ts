import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/fact.js';
import { canonicalJson, fingerprint } from '../../src/catalog/fingerprint.js';
import { extractCatalog } from '../../src/engine/read-catalog.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { startEmbeddedServer } from '../support/embedded-server.js';
import { statementKinds } from '../support/statement-kinds.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { binariesForMajor } from '../support/server-majors.js';
import { ALL_VERSION_CASES, type VersionCase } from './cases.js';

/** Each fact's payload by id: what a fingerprint hashes, in a form a failed assertion can show. */
function payloads(catalog: Catalog): Record<string, string> {
  return Object.fromEntries([...catalog.values()].map((f) => [f.id, canonicalJson(f.payload)]));
}

/** The catalog of `schemaSql` loaded into a fresh database on `server`. */
async function catalogOn(server: string, schemaSql: string): Promise<Catalog> {
  const db = await createDatabase('fingerprint', server);
  try {
    return await withConnection(db.url, async (c) => {
      await runScript(c, schemaSql, 'schema.sql');
      return extractCatalog(c);
    });
  } finally {
    await db.drop();
  }
}

interface Server { url: string; stop(): Promise<void> }

/**
 * The version cases against one server, started once for the file: every case converges through
 * a shadow on that same server, made of the kinds of statement the case names. On the main server
 * each case also converges through PGlite (PostgreSQL 18) to the same migration; on another major,
 * the schema a case ends with must read on that server as on the main server, and PGlite's
 * agreement follows from the two: the migration a major would get through PGlite is the one
 * through its own shadow, whose catalog is the main server's, whose catalog is PGlite's, at a
 * fraction of the time. With `unavailable` (why the server cannot start) the same cases are listed
 * as skipped under a title that says why.
 */
function describeCases(title: string, start: () => Promise<Server>, isMain: boolean, unavailable?: string): void {
  const suite = unavailable ? describe.skip : describe;
  suite(unavailable ? `${title} (skipped: ${unavailable})` : title, () => {
    let server: Server;
    let major: number;
    beforeAll(async () => {
      server = await start();
      major = Math.floor((await withConnection(server.url, (c) => c.serverVersion())) / 10000);
    });
    afterAll(() => server?.stop());
    const readsAsPglite = (c: VersionCase) => major >= (c.readsAsPgliteSince ?? 0);

    // Each convergence's second diff reads the migrated database and the shadow: equal fingerprints
    // there show this server and its shadow (and on the main server PGlite) read one schema alike.
    it.for(ALL_VERSION_CASES)('%s', async ([, c], { skip }) => {
      if (major < (c.since ?? 0)) skip(`PostgreSQL ${major} cannot load it`);
      const shadows = isMain && readsAsPglite(c) ? SHADOW_KINDS : SHADOW_KINDS.filter((s) => s === 'server');
      const inspect = async (url: string) => {
        if (c.holds) expect((await withConnection(url, (db) => db.query<{ v: boolean }>(`select (${c.holds}) as v`))).rows[0]!.v, c.holds).toBe(true);
      };
      const results = await Promise.all(shadows.map((shadow) => converge(c.from, c.to, shadow, { server: server.url, inspect })));
      for (const result of results) {
        expect(result.remaining).toBe('');
        expect(result.fingerprints.shadow).toBe(result.fingerprints.database);
        expect(result.migration).toBe(results[0]!.migration);
      }
      expect(await statementKinds(results[0]!.migration)).toEqual(c.statements);
    });

    // A case this major stores unlike PGlite is refused through it, naming the objects and the way out.
    it.for(ALL_VERSION_CASES.filter(([, c]) => c.readsAsPgliteSince !== undefined))('%s: refused through PGlite where it reads otherwise', async ([, c], { skip }) => {
      if (readsAsPglite(c)) skip(`PostgreSQL ${major} reads it as PGlite does`);
      await expect(converge(c.from, c.to, 'pglite', { server: server.url }))
        .rejects.toThrow(new RegExp(`runs PostgreSQL ${major} .* cannot be compared: .*; use --shadow-url with a PostgreSQL ${major} server`));
    });

    it.skipIf(isMain)('reads the schema of every case as the main server does', async () => {
      const mainMajor = Math.floor((await withConnection(serverUrl(), (c) => c.serverVersion())) / 10000);
      const comparable = ALL_VERSION_CASES.filter(([, c]) => readsAsPglite(c) && Math.min(major, mainMajor) >= (c.since ?? 0));
      for (const [name, c] of comparable) {
        const [here, main] = await Promise.all([catalogOn(server.url, c.to), catalogOn(serverUrl(), c.to)]);
        expect(payloads(here), name).toEqual(payloads(main));
        expect(fingerprint(here), name).toBe(fingerprint(main));
      }
    });
  });
}

/** The version cases against a throwaway server of PostgreSQL `major` from its pinned package. */
export async function describeMajor(major: number): Promise<void> {
  const found = await binariesForMajor(major);
  if ('skip' in found) console.warn(`PostgreSQL ${major} version tests skipped: ${found.skip}`);
  describeCases(`PostgreSQL ${major}`, async () => {
    if ('skip' in found) throw new Error(`PostgreSQL ${major} is unavailable: ${found.skip}`);
    const server = await startEmbeddedServer(found.binaries);
    try {
      const version = await withConnection(server.url, (c) => c.serverVersion());
      if (Math.floor(version / 10000) !== major) throw new Error(`the package pinned for PostgreSQL ${major} runs ${version}`);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }, false, 'skip' in found ? found.skip : undefined);
}

/** The version cases against the main server, whatever its major: PGlite against it above all. */
export function describeMainServer(): void {
  describeCases('the main server', async () => ({ url: serverUrl(), stop: async () => {} }), true);
}
