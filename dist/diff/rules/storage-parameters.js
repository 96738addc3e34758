import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
const tableOf = (fact) => qualify(fact.name[0], fact.name[1]);
/** `toast.autovacuum_enabled=false` → [`toast.autovacuum_enabled`, `false`]. */
function parse(options) {
    return new Map(options.map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]));
}
const optionsOf = (fact) => parse(fact ? fact.payload.options : []);
/** RESET what the target no longer sets, SET what it sets differently; parameter names are qualified, values literals. */
function change(table, before, after, extra) {
    const reset = [...before.keys()].filter((k) => !after.has(k));
    const set = [...after].filter(([k, v]) => before.get(k) !== v);
    const clauses = [
        ...(reset.length ? [`RESET (${reset.map((k) => qualify(...k.split('.'))).join(', ')})`] : []),
        ...(set.length ? [`SET (${set.map(([k, v]) => `${qualify(...k.split('.'))} = ${quoteLiteral(v)}`).join(', ')})`] : []),
    ];
    return clauses.length ? [action('storage_parameters', { sql: `ALTER TABLE ${table} ${clauses.join(', ')};`, ...extra })] : [];
}
export const storageParametersRule = {
    kind: 'storage_parameters',
    objectRef: () => {
        throw new Error('storage parameters are a property of their table and have no name of their own');
    },
    create: (fact) => change(tableOf(fact), optionsOf(undefined), optionsOf(fact), { creates: [fact.id] }),
    drop: (fact) => change(tableOf(fact), optionsOf(fact), optionsOf(undefined), {}),
    alter: ({ from, to }) => change(tableOf(to), optionsOf(from), optionsOf(to), { alters: [to.id] }),
};
//# sourceMappingURL=storage-parameters.js.map