import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const DEFAULTS = { storage: null, compression: null, statistics: null };
/**
 * One ALTER TABLE with a clause per setting that differs; a setting back to its default names
 * the type's storage, DEFAULT compression or target -1.
 */
function change(fact, before, after, extra) {
    const column = `ALTER COLUMN ${quoteIdent(fact.name[2])}`;
    const clauses = [];
    if (before.storage !== after.storage)
        clauses.push(`${column} SET STORAGE ${String(after.storage ?? fact.info.typeStorage).toUpperCase()}`);
    if (before.compression !== after.compression)
        clauses.push(`${column} SET COMPRESSION ${after.compression ?? 'DEFAULT'}`);
    if (before.statistics !== after.statistics)
        clauses.push(`${column} SET STATISTICS ${after.statistics ?? -1}`);
    if (!clauses.length)
        return [];
    return [action('column_storage', { sql: `ALTER TABLE ${qualify(fact.name[0], fact.name[1])} ${clauses.join(', ')};`, ...extra })];
}
export const columnStorageRule = {
    kind: 'column_storage',
    objectRef: () => {
        throw new Error('column storage settings are a property of their column and have no name of their own');
    },
    create: (fact) => change(fact, DEFAULTS, fact.payload, { creates: [fact.id] }),
    drop: (fact) => change(fact, fact.payload, DEFAULTS, {}),
    alter: ({ from, to }) => change(to, from.payload, to.payload, { alters: [to.id] }),
};
//# sourceMappingURL=column-storage.js.map