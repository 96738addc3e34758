import { parseSync, scanSync } from 'libpg-query';
import { lineAndColumn, SchemaLoadError } from './split-statements.js';
const HINT = /^--\s*schema-bot:\s*renamed from\s+(.+?)\s*$/;
/** Every rename hint in the files the statements came from. */
export function findRenameHints(statements) {
    const files = new Map();
    for (const s of statements)
        files.set(s.file, s.source);
    const hints = [];
    for (const [file, source] of files)
        if (source.includes('schema-bot:'))
            hints.push(...hintsInFile(file, source));
    return hints;
}
function hintsInFile(file, source) {
    const bytes = Buffer.from(source, 'utf8');
    const text = (start, end) => bytes.subarray(start, end).toString('utf8');
    const tokens = scanSync(source).tokens;
    const stmts = (parseSync(source).stmts ?? []);
    const hints = [];
    tokens.forEach((token, i) => {
        const match = token.tokenName === 'SQL_COMMENT' ? HINT.exec(text(token.start, token.end)) : null;
        if (!match)
            return;
        const at = lineAndColumn(source, text(0, token.start).length);
        const fail = (reason) => {
            throw new SchemaLoadError(file, at.line, at.column, reason);
        };
        const next = tokens.slice(i + 1).find((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
        const stmt = next && stmts.find((s) => (s.stmt_location ?? 0) <= next.start && next.start < (s.stmt_location ?? 0) + (s.stmt_len ?? bytes.length));
        if (!next || !stmt)
            return fail('a rename hint must stand on the line above the declaration it renames');
        const first = tokens.find((t) => t.start >= (stmt.stmt_location ?? 0) && t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
        const target = declarationAt(stmt, next, first === next, (t) => text(t.start, t.end));
        if (!target)
            return fail('a rename hint must stand above a table, column, index, constraint, type, enum value or view');
        const old = oldName(match[1], target.member !== undefined);
        if (old.schema && old.schema !== target.path[0])
            fail(`moving ${old.schema}.${old.name} to schema ${target.path[0]} is not a rename`);
        hints.push(target.member === undefined
            ? { file, line: at.line, kind: target.kind, path: target.path, from: old.name }
            : { file, line: at.line, kind: target.kind, path: target.path, from: old.name, member: target.member });
    });
    return hints;
}
/** The object declared at `token`: a whole statement's object, or a column, constraint or value in it. */
function declarationAt(stmt, token, startsStatement, textOf) {
    const [type, node] = Object.entries(stmt.stmt)[0] ?? [];
    if (!type || !node)
        return undefined;
    const rel = (r) => {
        const v = r;
        return [v.schemaname ?? 'public', v.relname];
    };
    const names = (list) => {
        const parts = list.map((n) => n.String.sval);
        return parts.length === 1 ? ['public', parts[0]] : parts.slice(-2);
    };
    if (type === 'CreateStmt' && !startsStatement) {
        for (const element of node.tableElts) {
            const column = element.ColumnDef;
            if (column?.location === token.start)
                return { kind: 'column', path: [...rel(node.relation), String(column.colname)] };
            const constraint = element.Constraint;
            if (constraint?.location === token.start && constraint.conname) {
                return { kind: 'constraint', path: [...rel(node.relation), String(constraint.conname)] };
            }
        }
        return undefined;
    }
    if (type === 'CreateEnumStmt' && !startsStatement) {
        return token.tokenName === 'SCONST' ? { kind: 'type', path: names(node.typeName), member: unquote(textOf(token)) } : undefined;
    }
    if (!startsStatement)
        return undefined;
    switch (type) {
        case 'CreateStmt':
            return { kind: 'table', path: rel(node.relation) };
        case 'IndexStmt':
            return node.idxname ? { kind: 'index', path: [rel(node.relation)[0], String(node.idxname)] } : undefined;
        case 'CreateEnumStmt':
        case 'CreateRangeStmt':
            return { kind: 'type', path: names(node.typeName) };
        case 'CompositeTypeStmt':
            return { kind: 'type', path: rel(node.typevar) };
        case 'CreateDomainStmt':
            return { kind: 'type', path: names(node.domainname) };
        case 'ViewStmt':
            return { kind: 'view', path: rel(node.view) };
        case 'CreateTableAsStmt': {
            const into = node.into;
            return node.objtype === 'OBJECT_MATVIEW' && into ? { kind: 'matview', path: rel(into.rel) } : undefined;
        }
        case 'AlterTableStmt': {
            const cmds = node.cmds;
            const cmd = cmds.length === 1 ? cmds[0].AlterTableCmd : undefined;
            if (cmd?.subtype === 'AT_AddColumn')
                return { kind: 'column', path: [...rel(node.relation), String(cmd.def.ColumnDef.colname)] };
            const conname = cmd?.subtype === 'AT_AddConstraint' ? cmd.def?.Constraint?.conname : undefined;
            return conname ? { kind: 'constraint', path: [...rel(node.relation), String(conname)] } : undefined;
        }
        default:
            return undefined;
    }
}
/** `"Old Name"`, `old_name`, `app.old_name` or, for an enum value, `'old value'`. */
function oldName(spec, literal) {
    if (literal)
        return { name: spec.startsWith("'") ? unquote(spec) : spec };
    const parts = [...spec.matchAll(/"((?:[^"]|"")*)"|([^."\s]+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2].toLowerCase()));
    return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1] } : { name: parts[0] ?? spec };
}
function unquote(literal) {
    return literal.slice(1, -1).replaceAll("''", "'");
}
//# sourceMappingURL=rename-hints.js.map