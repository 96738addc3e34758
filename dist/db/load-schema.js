import { readFile } from 'node:fs/promises';
import { lineAndColumn, SchemaLoadError, splitStatements } from './split-statements.js';
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
/** Every statement of the files, in file order. */
export async function readSchemaFiles(files) {
    const statements = [];
    for (const file of files)
        statements.push(...(await splitStatements(file, await readFile(file, 'utf8'))));
    return statements;
}
/** Names of the extensions the statements create, so a shadow can make them available first. */
export function extensionsCreated(statements) {
    return statements.filter((s) => s.type === 'CreateExtensionStmt').map((s) => String(s.node.extname));
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
export async function loadStatements(db, statements, log = () => { }) {
    let pending = statements.filter((s) => !SKIPPED.has(s.type));
    const total = pending.length;
    let bodiesChecked = true;
    for (let pass = 1; pending.length > 0; pass++) {
        const deferred = [];
        for (let start = 0; start < pending.length; start += BATCH_SIZE) {
            const batch = pending.slice(start, start + BATCH_SIZE);
            if (batch.length > 1 && (await db.exec(batch.map((s) => s.sql).join('\n;\n')).then(() => true, () => false)))
                continue;
            for (const statement of batch) {
                try {
                    await db.exec(statement.sql);
                }
                catch (error) {
                    const pgError = error;
                    if (!MISSING_DEPENDENCY.has(pgError.code ?? ''))
                        throw locate(statement, pgError);
                    deferred.push({ statement, error: pgError });
                }
            }
        }
        if (deferred.length === pending.length) {
            if (!bodiesChecked)
                throw locate(deferred[0].statement, deferred[0].error);
            await db.exec('SET check_function_bodies = off');
            bodiesChecked = false;
        }
        if (deferred.length > 0)
            log(`loading schema: ${deferred.length} statement(s) wait for objects declared later (pass ${pass})`);
        pending = deferred.map((d) => d.statement);
    }
    return total;
}
/** Turns a server error into `file:line:column: message` at the token the server pointed at. */
function locate(statement, error) {
    const leading = statement.sql.length - statement.sql.trimStart().length;
    const position = error.position ? Number(error.position) - 1 : leading;
    const at = lineAndColumn(statement.source, statement.offset + position);
    return new SchemaLoadError(statement.file, at.line, at.column, error.message);
}
//# sourceMappingURL=load-schema.js.map