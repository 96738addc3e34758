import { factId } from '../catalog/fact-id.js';
import { planMigration } from '../diff/planner.js';
import { kindRank, RULES_BY_KIND } from '../diff/rules/index.js';
/**
 * The catalog as files a person would keep: the migration from an empty database, grouped so that
 * each table's file holds the table with its columns, constraints, indexes, owned sequences and
 * comments, and every other object sits in one file per kind. Loading tolerates any file order, so
 * a foreign key may name a table from another file.
 */
export function dumpSchema(catalog) {
    const actions = creationActions(catalog);
    const files = new Map();
    for (const a of actions) {
        const path = fileFor(a, catalog);
        files.set(path, [...(files.get(path) ?? []), a]);
    }
    return [...files]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([path, fileActions]) => ({ path, sql: fileSql(fileActions) }));
}
/**
 * A file's statements, after the session settings they need: each file must also load on its own
 * with psql, where a function whose body reads a table from another file needs unchecked bodies.
 */
function fileSql(actions) {
    const settings = [...new Set(actions.flatMap((a) => a.settings))].map((s) => `SET ${s};`);
    return `${[...settings, ...actions.map((a) => a.sql)].join('\n\n')}\n`;
}
/** The statements that build the catalog's schema in a new, empty database. */
export function creationActions(catalog) {
    return planMigration(freshDatabase(catalog), catalog, RULES_BY_KIND, kindRank).actions;
}
/** What every new database already has, so the dump does not create it again. */
function freshDatabase(catalog) {
    const publicSchema = catalog.get(factId('schema', 'public'));
    return new Map(publicSchema ? [[publicSchema.id, publicSchema]] : []);
}
function fileFor(a, catalog) {
    const fact = catalog.get(a.creates[0] ?? a.alters[0] ?? '');
    if (!fact)
        return `${a.kind}.sql`;
    const table = owningTable(fact, catalog);
    if (table)
        return `tables/${safeFileName(table.name.join('.'))}.sql`;
    return `${topmost(fact, catalog).kind}s.sql`;
}
/** The table a fact belongs to, following parents: a column's, a comment's on an index's, … */
function owningTable(fact, catalog) {
    for (let f = fact; f; f = f.parent ? catalog.get(f.parent) : undefined) {
        if (f.kind === 'table')
            return f;
    }
    return undefined;
}
function topmost(fact, catalog) {
    let f = fact;
    while (f.parent && catalog.has(f.parent))
        f = catalog.get(f.parent);
    return f;
}
/** Keeps names readable while making them safe on every file system. */
function safeFileName(name) {
    return name.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
//# sourceMappingURL=dump-schema.js.map