import type { Catalog } from '../catalog/fact.js';
import { extractCatalog } from '../catalog/extract.js';
import { connect } from '../db/connect.js';
import { extensionsCreated, loadStatements, readSchemaFiles } from '../db/load-schema.js';
import { findRenameHints } from '../db/rename-hints.js';
import { openPgliteShadow } from '../db/pglite-shadow.js';
import { resolveSchemaFiles } from '../db/schema-files.js';
import { openServerShadow } from '../db/server-shadow.js';
import type { Action } from '../diff/action.js';
import { lookAlikes } from '../diff/look-alikes.js';
import { planMigration } from '../diff/planner.js';
import { planRenames, type RenamePlan } from '../diff/renames.js';
import { kindRank, ruleFor, RULES_BY_KIND } from '../diff/rules/index.js';

export interface MigrationRequest {
  databaseUrl: string;
  /** A directory of *.sql, a file or a glob. */
  schemaPath: string;
  /** A database that already holds the desired schema; replaces schemaPath and the shadow. */
  desiredUrl?: string;
  /** A server to make the shadow database on; PGlite when absent. */
  shadowUrl?: string;
  log: (message: string) => void;
}

export interface MigrationResult {
  actions: Action[];
  source: Catalog;
  target: Catalog;
}

interface Side { catalog: Catalog; version: number }

/** The catalog of a live database and its server version. */
async function readDatabase(url: string): Promise<Side> {
  const db = await connect(url);
  try {
    return { catalog: await extractCatalog(db), version: await db.serverVersion() };
  } finally {
    await db.close();
  }
}

/**
 * Production's catalog against the catalog of schema/*.sql loaded into a shadow (or of another
 * database that holds the desired schema). Both sides are read concurrently; the shadow is always
 * disposed, also when loading fails.
 */
export async function computeMigration(req: MigrationRequest): Promise<MigrationResult> {
  const production = readDatabase(req.databaseUrl);
  const desired: Promise<Side & { renames?: RenamePlan }> = req.desiredUrl ? readDatabase(req.desiredUrl) : loadDesired(req, production);
  const [read, wanted] = await Promise.allSettled([production, desired]);
  if (read.status === 'rejected') throw read.reason;
  if (wanted.status === 'rejected') throw wanted.reason;
  const [source, target] = [read.value, wanted.value];
  if (Math.floor(source.version / 10000) !== Math.floor(target.version / 10000)) {
    req.log(
      `warning: the shadow runs PostgreSQL ${Math.floor(target.version / 10000)} but the database runs ` +
        `${Math.floor(source.version / 10000)}; results are normalised, but a same-version --shadow-url is the reference`,
    );
  }
  const { actions, cycles } = planMigration(source.catalog, target.catalog, RULES_BY_KIND, kindRank);
  if (cycles.length) req.log(`warning: dependency cycle around: ${cycles.map((a) => a.sql.split('\n')[0]).join(' | ')}`);
  for (const note of target.renames?.notes ?? []) req.log(note);
  for (const [removed, added] of lookAlikes(source.catalog, target.catalog)) {
    req.log(
      `warning: ${removed.kind} ${removed.name.join('.')} is dropped and ${added.kind} ${added.name.join('.')} created with the same ` +
        `shape; if it is a rename, put "-- schema-bot: renamed from ${removed.name[removed.name.length - 1]}" on the line above its declaration`,
    );
  }
  return { actions: [...actions, ...(target.renames?.forward ?? [])], source: source.catalog, target: target.catalog };
}

/**
 * schema/*.sql loaded into a shadow and read there. Declared renames that production still needs
 * are undone in the shadow before it is read, so the rest of the diff sees production's names and
 * PostgreSQL itself has rewritten every reference to a renamed object.
 */
async function loadDesired(req: MigrationRequest, production: Promise<Side>): Promise<Side & { renames?: RenamePlan }> {
  const files = await resolveSchemaFiles(req.schemaPath);
  const statements = await readSchemaFiles(files);
  const hints = findRenameHints(statements).map((h) => ({ ...h, where: `${h.file}:${h.line}` }));
  req.log(`read ${statements.length} statements from ${files.length} file(s)`);
  const shadow = req.shadowUrl
    ? await openServerShadow(req.shadowUrl)
    : await openPgliteShadow(extensionsCreated(statements), req.log);
  try {
    await loadStatements(shadow.db, statements, req.log);
    req.log(`loaded schema into shadow (${shadow.description})`);
    const catalog = await extractCatalog(shadow.db);
    if (hints.length === 0) return { catalog, version: shadow.serverVersion };
    const renames = planRenames(hints, (await production).catalog, catalog, ruleFor);
    if (renames.reverse.length === 0) return { catalog, version: shadow.serverVersion, renames };
    for (const sql of renames.reverse) await shadow.db.exec(sql);
    return { catalog: await extractCatalog(shadow.db), version: shadow.serverVersion, renames };
  } finally {
    await shadow.dispose();
  }
}
