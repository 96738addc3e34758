import { readFile } from 'node:fs/promises';
import { lineAndColumn, SchemaLoadError, splitStatements, type Statement } from './split-statements.js';

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

const SKIPPED = new Set(['TransactionStmt']);

interface PgError { code?: string; position?: string | number; message: string }

export interface LoadProgress {
  (message: string): void;
}

/** Every statement of the files, in file order. */
export async function readSchemaFiles(files: string[]): Promise<Statement[]> {
  const statements: Statement[] = [];
  for (const file of files) statements.push(...(await splitStatements(file, await readFile(file, 'utf8'))));
  return statements;
}

/** Names of the extensions the statements create, so a shadow can make them available first. */
export function extensionsCreated(statements: Statement[]): string[] {
  return statements.filter((s) => s.type === 'CreateExtensionStmt').map((s) => String(s.node.extname));
}

/**
 * Statements sent in one round trip while they succeed. A batch runs as one implicit transaction,
 * so a failing batch leaves nothing behind and its statements are run one by one, as they would
 * be without batching; schemas whose files are in dependency order then load at psql's speed.
 */
const BATCH_SIZE = 200;

/** Loads statements into an empty database, retrying those whose dependencies come later. */
export async function loadStatements(db: StatementRunner, statements: Statement[], log: LoadProgress = () => {}): Promise<number> {
  let pending = statements.filter((s) => !SKIPPED.has(s.type));
  const total = pending.length;
  for (let pass = 1; pending.length > 0; pass++) {
    const deferred: { statement: Statement; error: PgError }[] = [];
    for (let start = 0; start < pending.length; start += BATCH_SIZE) {
      const batch = pending.slice(start, start + BATCH_SIZE);
      if (batch.length > 1 && (await db.exec(batch.map((s) => s.sql).join('\n;\n')).then(() => true, () => false))) continue;
      for (const statement of batch) {
        try {
          await db.exec(statement.sql);
        } catch (error) {
          const pgError = error as PgError;
          if (!MISSING_DEPENDENCY.has(pgError.code ?? '')) throw locate(statement, pgError);
          deferred.push({ statement, error: pgError });
        }
      }
    }
    if (deferred.length === pending.length) throw locate(deferred[0]!.statement, deferred[0]!.error);
    if (deferred.length > 0) log(`loading schema: ${deferred.length} statement(s) wait for objects declared later (pass ${pass})`);
    pending = deferred.map((d) => d.statement);
  }
  return total;
}

/** Turns a server error into `file:line:column: message` at the token the server pointed at. */
function locate(statement: Statement, error: PgError): SchemaLoadError {
  const leading = statement.sql.length - statement.sql.trimStart().length;
  const position = error.position ? Number(error.position) - 1 : leading;
  const at = lineAndColumn(statement.source, statement.offset + position);
  return new SchemaLoadError(statement.file, at.line, at.column, error.message);
}
