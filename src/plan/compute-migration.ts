import type { Catalog } from '../catalog/fact.js';
import { readCatalog, type CatalogReading } from '../catalog/extract.js';
import type { Scope } from '../catalog/scope.js';
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

interface Side extends CatalogReading { version: number }

/** The catalog of a live database and its server version. */
async function readDatabase(url: string, scope: Scope | undefined): Promise<Side> {
  const db = await connect(url);
  try {
    return { ...(await readCatalog(db, scope)), version: await db.serverVersion() };
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
  const production = readDatabase(req.databaseUrl, req.scope);
  const desired: Promise<Side & { renames?: RenamePlan }> = req.desiredUrl
    ? readDatabase(req.desiredUrl, req.scope)
    : loadDesired(req, production);
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
  const unmodelled = [...new Set([...source.unmodelled, ...target.unmodelled])].sort();
  if (unmodelled.length) {
    req.log(`warning: ${unmodelled.length} object(s) that schema-bot does not model are left out of the diff:\n` +
      unmodelled.map((o) => `  ${o}`).join('\n'));
  }
  return { actions: [...actions, ...(target.renames?.forward ?? [])], source: source.catalog, target: target.catalog, unmodelled };
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
    const reading = await readCatalog(shadow.db, req.scope);
    if (hints.length === 0) return { ...reading, version: shadow.serverVersion };
    const renames = planRenames(hints, (await production).catalog, reading.catalog, ruleFor);
    if (renames.reverse.length === 0) return { ...reading, version: shadow.serverVersion, renames };
    for (const sql of renames.reverse) await shadow.db.exec(sql);
    return { ...(await readCatalog(shadow.db, req.scope)), version: shadow.serverVersion, renames };
  } finally {
    await shadow.dispose();
  }
}
