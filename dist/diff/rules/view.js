import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import { optionChanges, withOptions } from './relation-options.js';
const viewName = (fact) => qualify(fact.name[0], fact.name[1]);
const columnsOf = (fact) => fact.info.columns;
/**
 * CREATE OR REPLACE VIEW keeps every existing column with its name, type and collation, and may
 * only add columns after them; anything else needs the view dropped and created again.
 */
function replaceableInPlace(from, to) {
    const before = columnsOf(from);
    const after = columnsOf(to);
    return before.length <= after.length && before.every((c, i) => canonicalJson(c) === canonicalJson(after[i]));
}
/** CREATE [OR REPLACE] VIEW with every option: on replace, the options given are the options kept. */
function defineView(fact, orReplace) {
    const options = withOptions(fact.payload.options);
    return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${viewName(fact)}${options} AS\n${String(fact.payload.definition)};`;
}
/**
 * The same text reading other objects (a table it read became a view of the same name) is a new
 * view: the old one must go before what it reads does, the new one come after its replacement.
 */
function alterView(from, to, keys) {
    if (keys.includes('definition')) {
        if (!replaceableInPlace(from, to))
            return 'replace';
        return [action('view', { sql: defineView(to, true), alters: [to.id] })];
    }
    if (keys.includes('reads'))
        return 'replace';
    const clauses = optionChanges(from.payload.options, to.payload.options);
    return [action('view', { sql: `ALTER VIEW ${viewName(to)} ${clauses.join(', ')};`, alters: [to.id] })];
}
export const viewRule = {
    kind: 'view',
    objectRef: (fact) => `VIEW ${viewName(fact)}`,
    rename: (fact, to) => `ALTER VIEW ${viewName(fact)} RENAME TO ${quoteIdent(to)};`,
    create: (fact) => [action('view', { sql: defineView(fact, false), creates: [fact.id] })],
    drop: (fact) => [action('view', { sql: `DROP VIEW ${viewName(fact)};` })],
    alter: ({ from, to, keys }) => alterView(from, to, keys),
};
//# sourceMappingURL=view.js.map