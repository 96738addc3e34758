import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../catalog/extract.js';
import { connect } from '../db/connect.js';
import { extensionsCreated, loadStatements, readSchemaFiles } from '../db/load-schema.js';
import { openPgliteShadow } from '../db/pglite-shadow.js';
import { rolesNamed } from '../db/roles-named.js';
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
  /** Compare who owns each object (`--owners`). */
  owners?: boolean;
  log: (message: string) => void;
}

export interface MigrationResult {
  actions: Action[];
  /** What the migration leaves out on purpose; also logged. */
  warnings: string[];
  source: Catalog;
  target: Catalog;
}

/**
 * Production's catalog against the catalog of schema/*.sql loaded into a shadow. Both sides are
 * read concurrently; the shadow is always disposed, also when loading fails.
 */
export async function computeMigration(req: MigrationRequest): Promise<MigrationResult> {
  const files = await resolveSchemaFiles(req.schemaPath);
  const statements = await readSchemaFiles(files);
  req.log(`read ${statements.length} statements from ${files.length} file(s)`);

  const options = { owners: req.owners };
  const production = (async () => {
    const db = await connect(req.databaseUrl);
    try {
      return { catalog: await extractCatalog(db, options), version: await db.serverVersion() };
    } finally {
      await db.close();
    }
  })();
  const desired = (async () => {
    const shadow = req.shadowUrl
      ? await openServerShadow(req.shadowUrl)
      : await openPgliteShadow(extensionsCreated(statements), rolesNamed(statements), req.log);
    try {
      await loadStatements(shadow.db, statements, req.log);
      req.log(`loaded schema into shadow (${shadow.description})`);
      return { catalog: await extractCatalog(shadow.db, options), version: shadow.serverVersion };
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
  const { actions, cycles, warnings } = planMigration(source!.catalog, target!.catalog, RULES_BY_KIND, kindRank);
  if (cycles.length) req.log(`warning: dependency cycle around: ${cycles.map((a) => a.sql.split('\n')[0]).join(' | ')}`);
  for (const warning of warnings) req.log(`warning: ${warning}`);
  return { actions, warnings, source: source!.catalog, target: target!.catalog };
}
