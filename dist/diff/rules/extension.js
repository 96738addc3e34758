import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
const nameOf = (fact) => quoteIdent(fact.name[0]);
/** A null version is the server's default, which UPDATE without TO installs. */
const versionSql = (fact) => (fact.payload.version === null ? '' : ` VERSION ${quoteLiteral(String(fact.payload.version))}`);
export const extensionRule = {
    kind: 'extension',
    objectRef: (fact) => `EXTENSION ${nameOf(fact)}`,
    create: (fact) => [
        action('extension', {
            sql: `CREATE EXTENSION ${nameOf(fact)} WITH SCHEMA ${quoteIdent(String(fact.payload.schema))}${versionSql(fact)};`,
            creates: [fact.id],
        }),
    ],
    drop: (fact) => [
        action('extension', {
            sql: `DROP EXTENSION ${nameOf(fact)};`,
            hazards: [{ kind: 'data-loss', message: `drops extension ${fact.name[0]} and every object it provides` }],
        }),
    ],
    alter: ({ from, to, keys }) => {
        if (keys.includes('schema') && !from.info.relocatable)
            return 'replace';
        const out = [];
        if (keys.includes('schema')) {
            out.push(action('extension', { sql: `ALTER EXTENSION ${nameOf(to)} SET SCHEMA ${quoteIdent(String(to.payload.schema))};`, alters: [to.id] }));
        }
        if (keys.includes('version')) {
            const target = to.payload.version === null ? '' : ` TO ${quoteLiteral(String(to.payload.version))}`;
            out.push(action('extension', { sql: `ALTER EXTENSION ${nameOf(to)} UPDATE${target};`, alters: [to.id] }));
        }
        return out;
    },
};
//# sourceMappingURL=extension.js.map