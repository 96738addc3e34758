import { loadModule, parseSync, scanSync } from 'libpg-query';
let ready;
/** The parser is WebAssembly and loads once, before the first definition is normalised. */
export async function loadViewDefinitionParser() {
    ready ??= loadModule();
    await ready;
}
/** The name a FROM item's columns are qualified with: its alias, else its relation's name. */
function refname(item) {
    const [type, body] = Object.entries(item)[0];
    const alias = body.alias?.aliasname;
    return alias ?? (type === 'RangeVar' ? body.relname : undefined);
}
/**
 * Locations of the column references of one query level that name `prefix`, outside nested
 * queries: a sub-select qualifies its own references on every server version.
 */
function qualifiedRefs(node, prefix, out) {
    if (Array.isArray(node)) {
        for (const child of node)
            qualifiedRefs(child, prefix, out);
    }
    else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (key === 'SelectStmt')
                continue;
            if (key === 'SubLink') {
                qualifiedRefs(value.testexpr, prefix, out);
                continue;
            }
            if (key === 'ColumnRef') {
                const fields = value.fields;
                const first = fields[0]?.String?.sval;
                if (fields.length === 2 && first === prefix && fields[1].String)
                    out.push(value.location);
                continue;
            }
            qualifiedRefs(value, prefix, out);
        }
    }
    return out;
}
/**
 * pg_get_viewdef's text, made comparable across servers. Up to PostgreSQL 15 a view's query
 * carried two hidden range entries (OLD and NEW), so a query reading one relation qualified every
 * column with it (`SELECT users.id FROM users`); from 16 on the same view reads `SELECT id FROM
 * users`. Those qualifiers are cut, at the positions the parser reports, so the rest of the text
 * stays exactly as the server wrote it.
 */
export function normaliseViewDefinition(definition) {
    const text = definition.trim().replace(/;$/, '');
    const select = parseSync(text).stmts?.[0]?.stmt;
    const from = select?.SelectStmt?.fromClause;
    const prefix = from?.length === 1 ? refname(from[0]) : undefined;
    if (!prefix)
        return text;
    const { fromClause: _from, withClause: _with, ...level } = select.SelectStmt;
    const starts = new Set(qualifiedRefs(level, prefix, []));
    if (starts.size === 0)
        return text;
    // Parser and scanner count bytes, so the cut happens on the UTF-8 bytes.
    const bytes = Buffer.from(text, 'utf8');
    const tokens = scanSync(text).tokens;
    const cuts = [];
    tokens.forEach((token, i) => {
        const dot = tokens[i + 1];
        if (starts.has(token.start) && dot?.text === '.')
            cuts.push([token.start, dot.end]);
    });
    const kept = [];
    let at = 0;
    for (const [start, end] of cuts) {
        kept.push(bytes.subarray(at, start));
        at = end;
    }
    kept.push(bytes.subarray(at));
    return Buffer.concat(kept).toString('utf8');
}
//# sourceMappingURL=view-definition.js.map