import type { Catalog } from '../catalog/fact.js';
import { readCatalog } from '../catalog/extract.js';
import type { Scope } from '../catalog/scope.js';
import { connect } from '../db/connect.js';
import { extensionsCreated, loadStatements, readSchemaFiles } from '../db/load-schema.js';
import { openPgliteShadow } from '../db/pglite-shadow.js';
import { resolveSchemaFiles } from '../db/schema-files.js';
import { openServerShadow } from '../db/server-shadow.js';
import type { Action } from '../diff/action.js';
import { planMigration } from '../diff/planner.js';
import { kindRank, RULES_BY_KIND } from '../diff/rules/index.js';

export interface MigrationRequest {
  databaseUrl: string;
  /** A directory of *.sql, a file or a glob. */
  schemaPath: string;
  /** A server to make the shadow database on; PGlite when absent. */
  shadowUrl?: string;
  /** What both sides are read with: schemas to include or exclude, fact kinds to leave out. */
  scope?: Scope;
  log: (message: string) => void;
}

export interface MigrationResult {
  actions: Action[];
  source: Catalog;
  target: Catalog;
  /** Objects on either side that no kind models, so the migration leaves them as they are. */
  unmodelled: string[];
}

/**
 * Production's catalog against the catalog of schema/*.sql loaded into a shadow. Both sides are
 * read concurrently; the shadow is always disposed, also when loading fails.
 */
export async function computeMigration(req: MigrationRequest): Promise<MigrationResult> {
  const files = await resolveSchemaFiles(req.schemaPath);
  const statements = await readSchemaFiles(files);
  req.log(`read ${statements.length} statements from ${files.length} file(s)`);

  const production = (async () => {
    const db = await connect(req.databaseUrl);
    try {
      return { ...(await readCatalog(db, req.scope)), version: await db.serverVersion() };
    } finally {
      await db.close();
    }
  })();
  const desired = (async () => {
    const shadow = req.shadowUrl
      ? await openServerShadow(req.shadowUrl)
      : await openPgliteShadow(extensionsCreated(statements), req.log);
    try {
      await loadStatements(shadow.db, statements, req.log);
      req.log(`loaded schema into shadow (${shadow.description})`);
      return { ...(await readCatalog(shadow.db, req.scope)), version: shadow.serverVersion };
    } finally {
      await shadow.dispose();
    }
  })();
  const [source, target] = await Promise.allSettled([production, desired]).then((results) =>
    results.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    }),
  );
  if (Math.floor(source!.version / 10000) !== Math.floor(target!.version / 10000)) {
    req.log(
      `warning: the shadow runs PostgreSQL ${Math.floor(target!.version / 10000)} but the database runs ` +
        `${Math.floor(source!.version / 10000)}; results are normalised, but a same-version --shadow-url is the reference`,
    );
  }
  const { actions, cycles } = planMigration(source!.catalog, target!.catalog, RULES_BY_KIND, kindRank);
  if (cycles.length) req.log(`warning: dependency cycle around: ${cycles.map((a) => a.sql.split('\n')[0]).join(' | ')}`);
  const unmodelled = [...new Set([...source!.unmodelled, ...target!.unmodelled])].sort();
  if (unmodelled.length) {
    req.log(`warning: ${unmodelled.length} object(s) that schema-bot does not model are left out of the diff:\n` +
      unmodelled.map((o) => `  ${o}`).join('\n'));
  }
  return { actions, source: source!.catalog, target: target!.catalog, unmodelled };
}
