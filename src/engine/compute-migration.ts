import type { Statement } from '../db/split-statements.js';
import type { Catalog } from '../catalog/fact.js';
import { fingerprint } from '../catalog/fingerprint.js';
import { fillSequenceValues, readCatalog, type CatalogReading, type ReadOptions } from './read-catalog.js';
import type { Scope } from '../catalog/scope.js';
import { connect } from '../db/connect.js';
import { adminOwnedAsCurrentUser } from '../db/admin-owned.js';
import { extensionsCreated, loadSchema, readSchemaFiles } from '../db/load-schema.js';
import { findRenameHints } from '../db/rename-hints.js';
import { openPgliteShadow } from '../db/pglite-shadow.js';
import { icuCollationsNamed } from '../db/icu-collations-named.js';
import { rolesNamed } from '../db/roles-named.js';
import { resolveSchemaFiles } from '../db/schema-files.js';
import { openServerShadow } from '../db/server-shadow.js';
import type { Shadow } from '../db/shadow.js';
import type { Action } from '../diff/action.js';
import { isChanged } from '../diff/delta.js';
import { lookAlikes } from '../diff/look-alikes.js';
import { objectName } from '../diff/object-name.js';
import { planMigration, type Migration } from '../diff/planner.js';
import { planRenames, type RenamePlan } from '../diff/renames.js';
import { kindRank, ruleFor, RULES_BY_KIND } from '../kinds/index.js';
import { majorOf } from '../sql/keywords.js';
import { boundedRead } from './bounded-read.js';
import { refuseIncomparableMajors } from './incomparable-majors.js';
import { READ_LOCK_WAITS, type LockWaits } from './lock-retries.js';
import { reportMembershipDrift } from './role-membership-drift.js';

export interface MigrationRequest {
  databaseUrl: string;
  /** A directory of *.sql, a file or a glob; several of them for their union. */
  schemaPath: string | string[];
  /** A server to make the shadow database on; PGlite when absent. */
  shadowUrl?: string;
  /** Compare who owns each object (`--owners`). */
  owners?: boolean;
  /** A database that already holds the desired schema; replaces schemaPath and the shadow. */
  desiredUrl?: string;
  /** What both sides are read with: schemas to include or exclude, fact kinds to leave out. */
  scope?: Scope;
  /** How production's catalog read waits for locks; READ_LOCK_WAITS when absent. */
  lockWaits?: LockWaits;
  /** Prefer the statements that keep tables that hold rows writable (`plan --online`). */
  online?: boolean;
  log: (message: string) => void;
}

export interface MigrationResult {
  actions: Action[];
  source: Catalog;
  /** schema/*.sql with production's names where a declared rename is still to run: what the rest of the diff compares. */
  target: Catalog;
  /** The fingerprint of schema/*.sql as declared, renames done: what production has once the migration ran. */
  targetFingerprint: string;
  /** current_database() of the database to change. */
  database: string;
  /** Objects on either side that no kind models, so the migration leaves them as they are. */
  unmodelled: string[];
}

/** A catalog read from somewhere, with the server version that produced it. */
export interface ReadCatalog extends CatalogReading {
  version: number;
}

/**
 * Production's catalog against the catalog of schema/*.sql loaded into a shadow (or of another
 * database that holds the desired schema). Both sides are read concurrently; the shadow is always
 * disposed, also when loading fails. Declared renames run last, after every other statement.
 */
export async function computeMigration(req: MigrationRequest): Promise<MigrationResult> {
  const options: ReadOptions = { ...req.scope, owners: req.owners };
  const unfilled = { ...options, sequenceValues: false };
  const production = startDatabaseRead(req.databaseUrl, req, unfilled);
  const desired: Promise<DesiredCatalog> = req.desiredUrl
    ? readDatabase(req.desiredUrl, req, unfilled)
    : readDesired(req, production.catalog, production.version);
  const [source, target] = await bothSettled(production.catalog, desired);
  await fillChangingSequenceValues(req.databaseUrl, req, source, target.catalog);
  warnOnVersionMismatch(source.version, target.version, req.log);
  refuseIncomparableMajors(source, target);
  const migration = planAndWarn(source.catalog, target.catalog, req.log, { online: req.online });
  for (const note of target.renames?.notes ?? []) req.log(note);
  for (const [removed, added] of lookAlikes(source.catalog, target.catalog, migration)) {
    req.log(
      `warning: ${objectName(removed)} is dropped and ${objectName(added)} created with the same ` +
        `shape; if it is a rename, put "-- schema-bot: renamed from ${removed.name[removed.name.length - 1]}" on the line above its declaration`,
    );
  }
  const unmodelled = [...new Set([...source.unmodelled, ...target.unmodelled])].sort();
  if (unmodelled.length) {
    req.log(`warning: ${unmodelled.length} object(s) that schema-bot does not model are left out of the diff:\n` +
      unmodelled.map((o) => `  ${o}`).join('\n'));
  }
  return {
    actions: [...migration.actions, ...(target.renames?.forward ?? [])],
    source: source.catalog,
    target: target.catalog,
    targetFingerprint: target.declaredFingerprint ?? fingerprint(target.catalog),
    database: source.database,
    unmodelled,
  };
}

/** Both results, or the first failure once both have finished (so a shadow is gone by then). */
export async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** The actions that turn `from` into `to`, warning about dependency cycles and what rules left out. */
export function migrate(from: Catalog, to: Catalog, log: (message: string) => void): Action[] {
  return planAndWarn(from, to, log).actions;
}

function planAndWarn(from: Catalog, to: Catalog, log: (message: string) => void, options: { online?: boolean } = {}): Migration {
  const migration = planMigration(from, to, RULES_BY_KIND, kindRank, options);
  const { cycles, warnings } = migration;
  if (cycles.length) log(`warning: dependency cycle around: ${cycles.map((a) => a.sql.split('\n')[0]).join(' | ')}`);
  for (const warning of warnings) log(`warning: ${warning}`);
  return migration;
}

/** How a read of a database waits for locks, and where it says that it retries. */
export interface ReadWaits {
  lockWaits?: LockWaits;
  log: (message: string) => void;
}

/** A read of a database under way: its server's version, known once connected, and its catalog. */
export interface DatabaseRead {
  version: Promise<number>;
  catalog: Promise<ReadCatalog & { database: string }>;
}

export function startDatabaseRead(url: string, waits: ReadWaits, options: ReadOptions = {}): DatabaseRead {
  const connection = connect(url, { pipeline: true });
  const version = connection.then((db) => db.serverVersion());
  // Whoever waits for the catalog hears of a failure there; the version alone may go unread.
  version.catch(() => undefined);
  const catalog = (async () => {
    const db = await connection;
    try {
      const [{ rows }, serverVersion] = await Promise.all([db.query<{ d: string }>('SELECT current_database() AS d'), version]);
      const reading = await boundedRead(db, url, waits.lockWaits ?? READ_LOCK_WAITS, waits.log, () => readCatalog(db, options));
      return { ...reading, version: serverVersion, database: rows[0]!.d };
    } finally {
      await db.close();
    }
  })();
  return { version, catalog };
}

export function readDatabase(url: string, waits: ReadWaits, options: ReadOptions = {}): Promise<ReadCatalog & { database: string }> {
  return startDatabaseRead(url, waits, options).catalog;
}

/**
 * Production's sequence values, for the facts that change: an alter of a sequence or an identity
 * is all that reads one (to keep its restart inside new bounds). They are read once both catalogs
 * are, on a connection of their own, so a diff that changes no sequence opens none; reading every
 * value at the end of production's read cost a locked lookup per sequence (bench/NOTES.md) on the
 * way to every diff.
 */
async function fillChangingSequenceValues(url: string, waits: ReadWaits, source: ReadCatalog, target: Catalog): Promise<void> {
  const changing = source.sequenceValues.filter(({ id }) => {
    const to = target.get(id);
    return to !== undefined && isChanged(source.catalog.get(id)!, to);
  });
  if (changing.length === 0) return;
  const db = await connect(url);
  try {
    await boundedRead(db, url, waits.lockWaits ?? READ_LOCK_WAITS, waits.log, () => fillSequenceValues(db, changing, source.catalog));
  } finally {
    await db.close();
  }
}

/** The desired side of a diff, with the renames it declares that production still needs. */
export interface DesiredCatalog extends ReadCatalog {
  /** The schema files' statements, for what is said about them by where they stand (lint). */
  statements?: Statement[];
  renames?: RenamePlan;
  /**
   * The fingerprint of the schema as declared, read before the renames were undone in the shadow:
   * a plan's target, which the undone catalog, holding production's old names, is not.
   */
  declaredFingerprint?: string;
}

/**
 * schema/*.sql loaded into a fresh shadow and read back. Given production, declared renames that
 * production still needs are undone in the shadow before it is read, so the rest of the diff sees
 * production's names and PostgreSQL itself has rewritten every reference to a renamed object.
 * Given production's server version, the files are read in the grammar of its major.
 */
export async function readDesired(
  req: Omit<MigrationRequest, 'databaseUrl'>,
  production?: Promise<ReadCatalog>,
  productionVersion?: Promise<number>,
): Promise<DesiredCatalog> {
  const files = await resolveSchemaFiles(req.schemaPath);
  const statements = await readSchemaFiles(files, productionVersion && majorOf(await productionVersion));
  const hints = production ? findRenameHints(statements).map((h) => ({ ...h, where: `${h.file}:${h.line}` })) : [];
  req.log(`read ${statements.length} statements from ${files.length} file(s)`);
  const options: ReadOptions = { ...req.scope, owners: req.owners, sequenceValues: false };
  const needs = { extensions: extensionsCreated(statements), roles: rolesNamed(statements), icuCollations: icuCollationsNamed(statements) };
  return withShadow(req.shadowUrl, needs, req.log, async (shadow) => {
    await loadSchema(shadow, statements, req.log);
    req.log(`loaded schema into shadow (${shadow.description})`);
    const readShadow = async () => {
      const read = await readCatalog(shadow.db, options);
      return { ...read, catalog: await adminOwnedAsCurrentUser(shadow, read.catalog) };
    };
    const reading = await readShadow();
    if (production) reportMembershipDrift(statements, (await production).catalog, req.log);
    if (!production || hints.length === 0) return { ...reading, version: shadow.serverVersion, statements };
    const renames = planRenames(hints, (await production).catalog, reading.catalog, ruleFor);
    if (renames.reverse.length === 0) return { ...reading, version: shadow.serverVersion, renames };
    for (const sql of renames.reverse) await shadow.db.exec(sql);
    const declaredFingerprint = fingerprint(reading.catalog);
    return { ...(await readShadow()), version: shadow.serverVersion, renames, declaredFingerprint };
  });
}

/**
 * What a PGlite shadow must have before a schema loads: extensions it loads at start, roles and
 * the ICU collations a server's initdb would have made, which it makes.
 */
export interface ShadowNeeds {
  extensions: string[];
  roles: string[];
  icuCollations?: string[];
}

/** Runs `fn` on a new shadow (a server database with `shadowUrl`, else PGlite), disposing it afterwards. */
export async function withShadow<T>(
  shadowUrl: string | undefined,
  needs: ShadowNeeds,
  log: (message: string) => void,
  fn: (shadow: Shadow) => Promise<T>,
): Promise<T> {
  const shadow = shadowUrl ? await openServerShadow(shadowUrl) : await openPgliteShadow(needs.extensions, needs.roles, log, needs.icuCollations);
  try {
    return await fn(shadow);
  } finally {
    await shadow.dispose();
  }
}

export function warnOnVersionMismatch(database: number, shadow: number, log: (message: string) => void): void {
  if (majorOf(database) === majorOf(shadow)) return;
  log(
    `warning: the shadow runs PostgreSQL ${majorOf(shadow)} but the database runs ` +
      `${majorOf(database)}; results are normalised, but a same-version --shadow-url is the reference`,
  );
}
