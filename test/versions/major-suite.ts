import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/fact.js';
import { canonicalJson, fingerprint } from '../../src/catalog/fingerprint.js';
import { extractCatalog } from '../../src/catalog/extract.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { startEmbeddedServer, type EmbeddedServer } from '../support/embedded-server.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { binariesForMajor } from '../support/server-majors.js';
import { ALL_VERSION_CASES } from './cases.js';

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

/**
 * The version cases against a throwaway server of PostgreSQL `major`, started once for the file:
 * every case converges through a shadow on that same server and through PGlite (PostgreSQL 18),
 * both shadows write the same migration, and the schema a case ends with has one fingerprint on
 * that server, in either shadow and on the main server.
 */
export async function describeMajor(major: number): Promise<void> {
  const found = await binariesForMajor(major);
  if ('skip' in found) {
    describe.skip(`PostgreSQL ${major} (skipped: ${found.skip})`, () => it('converges', () => undefined));
    return;
  }
  describe(`PostgreSQL ${major}`, () => {
    let server: EmbeddedServer;
    beforeAll(async () => {
      server = await startEmbeddedServer(found.binaries);
      const version = await withConnection(server.url, (c) => c.serverVersion());
      expect(Math.floor(version / 10000)).toBe(major);
    });
    afterAll(() => server?.stop());

    // Each convergence's second diff reads the migrated database and the shadow: equal fingerprints
    // there show this server, a same-version shadow and PGlite read one schema alike.
    it.each(ALL_VERSION_CASES)('%s', async (_name, c) => {
      const [same, pglite] = await Promise.all(
        SHADOW_KINDS.map((shadow) => converge(c.from, c.to, shadow, { server: server.url })),
      );
      for (const result of [same!, pglite!]) {
        expect(result.remaining).toBe('');
        expect(result.fingerprints.shadow).toBe(result.fingerprints.database);
      }
      expect(same!.migration).not.toBe('');
      expect(pglite!.migration).toBe(same!.migration);
    });

    it('reads the schema of every case as the main server does', async () => {
      for (const [name, c] of ALL_VERSION_CASES) {
        const [here, main] = await Promise.all([catalogOn(server.url, c.to), catalogOn(serverUrl(), c.to)]);
        expect(payloads(here), name).toEqual(payloads(main));
        expect(fingerprint(here), name).toBe(fingerprint(main));
      }
    });
  });
}
