import { readFile } from 'node:fs/promises';
import { refuseUndeclarative } from './declarative-statements.js';
import { adminAsCurrentUser } from './admin-as-current-user.js';
import { lendWrappers, runWrapperStatement, WRAPPER_STATEMENTS } from './foreign-data-wrapper-statements.js';
import { runFunctionStatement } from './privileged-functions.js';
import { adminPhase, newOwner, ownerChange, vetAggregate, type AdminPhase } from './privileged-statements.js';
import type { Shadow } from './shadow.js';
import { lineAndColumn, SchemaLoadError, splitStatements, type Statement } from './split-statements.js';
import { uncheckedBodies } from './unchecked-bodies.js';
import { decodeUtf8 } from './utf8-source.js';
import { majorOf } from '../sql/keywords.js';

/** Runs one statement; both a server connection and PGlite can. */
export interface StatementRunner {
  exec(sql: string): Promise<unknown>;
}

/**
 * SQLSTATEs that mean "something this statement refers to does not exist yet": the statement is
 * set aside and tried again once the others have run, so files may come in any order.
 */
const MISSING_DEPENDENCY = new Set([
  '3F000', // invalid_schema_name
  '42P01', // undefined_table
  '42704', // undefined_object (types, collations, …)
  '42883', // undefined_function
  '42703', // undefined_column
  '42830', // invalid_foreign_key: the referenced key is declared later
  '42P17', // invalid_object_definition, raised e.g. for a partition whose parent is not partitioned yet
]);

/**
 * Role memberships are the cluster's, not the shadow's: they are compared with production's
 * instead (engine/role-membership-drift.ts), never granted.
 */
const SKIPPED = new Set(['TransactionStmt', 'GrantRoleStmt']);

interface PgError { code?: string; position?: string | number; message: string }

export interface LoadProgress {
  (message: string): void;
}

/** Files read at once: a schema kept as a file per table has thousands, and one by one waits on each. */
const READ_AHEAD = 64;

/**
 * Every statement of the files, in file order; text that is not UTF-8 or not declarative is refused.
 * `grammar` is the major of the server the files are for (production's), when it is known.
 */
export async function readSchemaFiles(files: string[], grammar?: number): Promise<Statement[]> {
  const statements: Statement[] = [];
  for (let start = 0; start < files.length; start += READ_AHEAD) {
    const chunk = files.slice(start, start + READ_AHEAD);
    const sources = await Promise.all(chunk.map(async (file) => decodeUtf8(file, await readFile(file))));
    for (const [i, file] of chunk.entries()) statements.push(...(await splitStatements(file, sources[i]!, grammar)));
  }
  refuseUndeclarative(statements);
  return statements;
}

/** Names of the extensions the statements create, so a shadow can make them available first. */
export function extensionsCreated(statements: Statement[]): string[] {
  return statements.filter((s) => s.type === 'CreateExtensionStmt').map((s) => String(s.node.extname));
}

/**
 * Loads schema files into a shadow: untrusted SQL as the shadow's sandbox role, the few declarative
 * statements that need more through its admin session, each at its phase (see adminPhase). PGlite,
 * its own sandbox, runs them all on its one session, in file order.
 */
export async function loadSchema(shadow: Shadow, files: Statement[], log: LoadProgress = () => {}): Promise<number> {
  const checkable = bodyCheckableBy(majorOf(shadow.serverVersion));
  if (shadow.admin === shadow.db) {
    // Event triggers fire on every later DDL of the load, and may refuse it: made last, as below.
    const last = files.filter((s) => adminPhase(s) === 'last');
    const runnerOf = (s: Statement) => (checkable(s) ? shadow.db : uncheckedBodies(shadow.db));
    return (await loadStatements(shadow.db, files.filter((s) => !last.includes(s)), log, runnerOf)) + (await loadStatements(shadow.db, last, log));
  }
  const { rows } = await shadow.admin.query<{ user: string }>('SELECT current_user AS "user"');
  const statements = files.map((s) => adminAsCurrentUser(s, rows[0]!.user));
  const made = await extensionsMadeFirst(shadow, statements);
  const later = (phase: AdminPhase) => statements.filter((s) => adminPhase(s) === phase);
  const after = [...later('after'), ...later('last')];
  const sandboxed = statements.filter((s) => !made.has(s) && !after.includes(s));
  const vetted: StatementRunner = { exec: (sql) => vetAggregate(shadow.admin, sql) };
  const wrapper = (s: Statement): StatementRunner => ({ exec: () => runWrapperStatement(shadow.admin, s) });
  const routine = (s: Statement): StatementRunner => ({ exec: () => runFunctionStatement(shadow, s, checkable(s)) });
  const inPlace = (s: Statement) => {
    if (adminPhase(s) !== 'in-place') return checkable(s) ? shadow.db : uncheckedBodies(shadow.db);
    if (s.type === 'DefineStmt') return vetted;
    if (s.type === 'CreateFunctionStmt') return routine(s);
    return WRAPPER_STATEMENTS.has(s.type) ? wrapper(s) : shadow.admin;
  };
  await lendWrappers(shadow.admin, 'GRANT');
  let total = made.size + (await loadStatements(shadow.db, sandboxed, log, inPlace));
  await lendWrappers(shadow.admin, 'REVOKE');
  const admitted: Statement[] = [];
  for (const s of after) {
    const owner = newOwner(s);
    const verdict = owner === undefined ? 'run' : await ownerChange(shadow.admin, owner);
    if (verdict === 'run') admitted.push(s);
    if (verdict === 'refused') log(`warning: ${s.file}: not handing an object to ${owner}, a role with power beyond its own objects; the shadow keeps it with its own role`);
  }
  total += await loadStatements(shadow.admin, admitted, log);
  return total;
}

/**
 * Whether a shadow of `shadowMajor` can check a statement's routine body. One written for an older
 * major whose grammar the shadow's does not share (Statement.bodyMisreadSince) is kept as written,
 * and the shadow's parser would read one of its names as a keyword: it is made unchecked, as
 * production, whose grammar it is, reads it; the rest of the statement is checked as ever.
 */
const bodyCheckableBy = (shadowMajor: number) => (s: Statement) => s.bodyMisreadSince === undefined || shadowMajor < s.bodyMisreadSince;

/**
 * The files' CREATE EXTENSION statements the admin session could run on the fresh database, with
 * the plain CREATE SCHEMA of a schema one names, made for the sandbox role as if it had run it.
 * Those it could not (an earlier SET search_path decides where they go, their schema is made
 * otherwise) are left to the sandbox role, which may create the extensions marked trusted itself.
 */
export async function extensionsMadeFirst(shadow: Shadow, statements: Statement[]): Promise<Set<Statement>> {
  const made = new Set<Statement>();
  const searchPathSet = statements.some((s) => s.type === 'VariableSetStmt' && s.node.name === 'search_path');
  for (const s of statements.filter((x) => x.type === 'CreateExtensionStmt')) {
    const option = ((s.node.options as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }[] | undefined) ?? [])
      .find((o) => o.DefElem?.defname === 'schema');
    if (!option && searchPathSet) continue;
    const schema = option?.DefElem?.arg?.String?.sval;
    const plain = statements.find((x) => x.type === 'CreateSchemaStmt' && x.node.schemaname === schema && !x.node.authrole && !x.node.schemaElts);
    if (plain && !made.has(plain) && (await shadow.admin.exec(plain.sql).then(() => true, () => false))) {
      made.add(plain);
      const { rows } = await shadow.admin.query<{ sql: string }>(
        `SELECT pg_catalog.format('ALTER SCHEMA %I OWNER TO %I', $1::text, (SELECT datdba::pg_catalog.regrole FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())::text) AS sql`,
        [schema],
      );
      await shadow.admin.exec(rows[0]!.sql);
    }
    if (await shadow.admin.exec(s.sql).then(() => true, () => false)) made.add(s);
  }
  return made;
}

/**
 * Statements sent in one round trip while they succeed. A batch runs as one implicit transaction,
 * so a failing batch leaves nothing behind and its statements are run one by one, as they would
 * be without batching; schemas whose files are in dependency order then load at psql's speed.
 */
const BATCH_SIZE = 200;

/**
 * Loads statements into an empty database, retrying those whose dependencies come later. A SQL
 * function whose string body reads a table that in turn needs the function (for a default) waits
 * on it forever, so when nothing moves any more bodies are no longer checked, as pg_dump loads them.
 */
export async function loadStatements(
  db: StatementRunner,
  statements: Statement[],
  log: LoadProgress = () => {},
  runnerOf: (statement: Statement) => StatementRunner = () => db,
): Promise<number> {
  let pending = foundationsFirst(statements.filter((s) => !SKIPPED.has(s.type)));
  const total = pending.length;
  let bodiesChecked = true;
  for (let pass = 1; pending.length > 0; pass++) {
    const deferred: { statement: Statement; error: PgError }[] = [];
    const runAlone = async (statement: Statement) => {
      try {
        await runnerOf(statement).exec(statement.sql);
      } catch (error) {
        const pgError = error as PgError;
        if (!MISSING_DEPENDENCY.has(pgError.code ?? '')) throw locate(statement, pgError);
        deferred.push({ statement, error: pgError });
      }
    };
    for (let start = 0; start < pending.length; ) {
      // A statement for another runner (see loadSchema) ends a batch and runs alone.
      let end = start + 1;
      while (end < start + BATCH_SIZE && end < pending.length && runnerOf(pending[end]!) === db && runnerOf(pending[start]!) === db) end++;
      const batch = pending.slice(start, end);
      const error = batch.length > 1 ? await db.exec(joined(batch)).then(() => undefined, (e: unknown) => e as PgError) : undefined;
      if (batch.length > 1 && !error) {
        start += batch.length;
        continue;
      }
      const missing = error && MISSING_DEPENDENCY.has(error.code ?? '') ? failedStatement(batch, error) : undefined;
      if (!missing) {
        // One statement, or an error that does not say which statement (or that one alone may not
        // give, like a statement refused inside a transaction): each statement runs on its own.
        for (const statement of batch) await runAlone(statement);
        start += batch.length;
        continue;
      }
      // The batch ran up to the statement that misses something and was rolled back: what came
      // before runs again as a batch, that statement waits, and the next batch starts after it.
      const before = batch.slice(0, missing.index);
      if (before.length > 0 && !(await db.exec(joined(before)).then(() => true, () => false))) {
        for (const statement of before) await runAlone(statement);
      }
      deferred.push({ statement: batch[missing.index]!, error: missing.error });
      start += missing.index + 1;
    }
    if (deferred.length === pending.length) {
      if (!bodiesChecked) throw locate(deferred[0]!.statement, deferred[0]!.error);
      await db.exec('SET check_function_bodies = off');
      bodiesChecked = false;
    }
    if (deferred.length > 0) log(`loading schema: ${deferred.length} statement(s) wait for objects declared later (pass ${pass})`);
    pending = deferred.map((d) => d.statement);
  }
  return total;
}

/**
 * Statements that create what most others need and that need nothing but a schema themselves:
 * run first, a schema whose types sit in a file that sorts after the tables using them (types.sql
 * after tables/) loads in one pass instead of deferring nearly every statement once.
 */
const FOUNDATIONS = ['CreateSchemaStmt', 'CreateExtensionStmt', 'CreateEnumStmt'];

/**
 * Moving a statement is only safe when no statement changes what another one means by running
 * before it: a SET (search_path decides where an unqualified type goes) or a DROP (of something
 * created again later).
 */
const ORDER_SENSITIVE = new Set(['VariableSetStmt', 'DropStmt', 'DropdbStmt', 'DropRoleStmt', 'DropOwnedStmt']);

/** The statements with FOUNDATIONS first, in their kind's order and each kind in file order. */
function foundationsFirst(statements: Statement[]): Statement[] {
  if (statements.some((s) => ORDER_SENSITIVE.has(s.type))) return statements;
  const rank = (s: Statement) => {
    const at = FOUNDATIONS.indexOf(s.type);
    return at === -1 ? FOUNDATIONS.length : at;
  };
  // Array.prototype.sort is stable: statements of one rank keep their order.
  return [...statements].sort((a, b) => rank(a) - rank(b));
}

const SEPARATOR = '\n;\n';
const joined = (batch: Statement[]) => batch.map((s) => s.sql).join(SEPARATOR);

/** Characters as PostgreSQL counts them (code points), for error positions. */
const codePoints = (text: string) => text.length - (text.match(/[\uD800-\uDBFF]/g)?.length ?? 0);

/**
 * The statement of a batch that an error's position points into, with the error as that
 * statement alone would have given it (its position counted from the statement's start). A
 * statement ahead of it in the batch ran; one that did not is never named.
 */
function failedStatement(batch: Statement[], error: PgError): { index: number; error: PgError } | undefined {
  if (!error.position) return undefined;
  const position = Number(error.position);
  let offset = 0;
  for (const [index, statement] of batch.entries()) {
    const length = codePoints(statement.sql);
    if (position > offset && position <= offset + length) return { index, error: { ...error, message: error.message, position: position - offset } };
    offset += length + codePoints(SEPARATOR);
  }
  return undefined;
}

/** Turns a server error into `file:line:column: message` at the token the server pointed at. */
function locate(statement: Statement, error: PgError): SchemaLoadError {
  const leading = statement.sql.length - statement.sql.trimStart().length;
  const position = error.position ? Number(error.position) - 1 : leading;
  const at = lineAndColumn(statement.source, statement.offset + position, statement.quoted);
  return new SchemaLoadError(statement.file, at.line, at.column, error.message);
}
