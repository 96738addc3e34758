import { loadModule, parseSync, scanSync } from 'libpg-query';
export class SchemaLoadError extends Error {
    file;
    line;
    column;
    reason;
    constructor(file, line, column, reason) {
        super(`${file}:${line}:${column}: ${reason}`);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }
}
/** 1-based line and column of a character offset. */
export function lineAndColumn(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}
let ready;
/**
 * Splits a file with PostgreSQL's own parser (libpg_query), so dollar quotes, nested comments and
 * semicolons inside strings are handled exactly as the server would.
 */
export async function splitStatements(file, source) {
    ready ??= loadModule();
    await ready;
    const bytes = Buffer.from(source, 'utf8');
    const ascii = bytes.length === source.length;
    const charOffset = (byte) => (ascii ? byte : bytes.subarray(0, byte).toString('utf8').length);
    if (isOnlyComments(source))
        return [];
    let tree;
    try {
        tree = parseSync(source);
    }
    catch (error) {
        const details = error.sqlDetails;
        const at = lineAndColumn(source, charOffset(details?.cursorPosition ?? 0));
        throw new SchemaLoadError(file, at.line, at.column, error.message);
    }
    return (tree.stmts ?? []).map((s) => {
        const start = s.stmt_location ?? 0;
        const end = s.stmt_len ? start + s.stmt_len : bytes.length;
        const offset = charOffset(start);
        const type = Object.keys(s.stmt ?? {})[0] ?? 'Unknown';
        return {
            file,
            sql: bytes.subarray(start, end).toString('utf8'),
            offset,
            type,
            node: s.stmt[type] ?? {},
            source,
        };
    });
}
/** The parser rejects input with no statement; a file of comments or nothing is simply empty. */
function isOnlyComments(source) {
    if (source.trim() === '')
        return true;
    try {
        return scanSync(source).tokens.every((t) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT');
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=split-statements.js.map