import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
const ALL_OPERATIONS = 'insert, update, delete, truncate';
const nameOf = (fact) => quoteIdent(fact.name[0]);
/** A published table; DROP names it without its column list and row filter. */
function tableSql(t, withFilters) {
    const columns = withFilters && t.columns ? ` (${t.columns.map(quoteIdent).join(', ')})` : '';
    const where = withFilters && t.where ? ` WHERE (${t.where})` : '';
    return `${qualify(t.schema, t.name)}${columns}${where}`;
}
/** `TABLE a, b (x) WHERE (…), TABLES IN SCHEMA s`; the bare list after TABLE reads on every version. */
function objectsSql(fact, withFilters = true) {
    const tables = fact.payload.tables;
    const schemas = fact.payload.schemas;
    const parts = [
        ...(tables.length ? [`TABLE ${tables.map((t) => tableSql(t, withFilters)).join(', ')}`] : []),
        ...(schemas.length ? [`TABLES IN SCHEMA ${schemas.map(quoteIdent).join(', ')}`] : []),
    ];
    return parts.length ? parts.join(', ') : undefined;
}
function optionsSql(fact) {
    return `publish = ${quoteLiteral(fact.payload.publish.join(', '))}, publish_via_partition_root = ${fact.payload.viaRoot}`;
}
function createPublication(fact) {
    const objects = fact.payload.allTables ? ' FOR ALL TABLES' : objectsSql(fact) ? ` FOR ${objectsSql(fact)}` : '';
    const defaults = fact.payload.publish.join(', ') === ALL_OPERATIONS && !fact.payload.viaRoot;
    const options = defaults ? '' : ` WITH (${optionsSql(fact)})`;
    return [action('publication', { sql: `CREATE PUBLICATION ${nameOf(fact)}${objects}${options};`, creates: [fact.id] })];
}
/**
 * Tables and schemas change in place: SET replaces the whole list in one statement, and a list
 * that becomes empty is emptied by dropping what it held.
 */
function alterObjects(from, to) {
    const objects = objectsSql(to);
    return objects ? `ALTER PUBLICATION ${nameOf(to)} SET ${objects};` : `ALTER PUBLICATION ${nameOf(to)} DROP ${objectsSql(from, false)};`;
}
export const publicationRule = {
    kind: 'publication',
    objectRef: (fact) => `PUBLICATION ${nameOf(fact)}`,
    create: createPublication,
    drop: (fact) => [action('publication', { sql: `DROP PUBLICATION ${nameOf(fact)};` })],
    alter: ({ from, to, keys }) => {
        if (keys.includes('allTables'))
            return 'replace';
        const statements = [
            ...(keys.includes('tables') || keys.includes('schemas') ? [alterObjects(from, to)] : []),
            ...(keys.includes('publish') || keys.includes('viaRoot') ? [`ALTER PUBLICATION ${nameOf(to)} SET (${optionsSql(to)});`] : []),
        ];
        return statements.map((sql) => action('publication', { sql, alters: [to.id] }));
    },
};
//# sourceMappingURL=publication.js.map