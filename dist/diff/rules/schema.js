import { action } from '../action.js';
import { quoteIdent } from '../../sql/quote.js';
export const schemaRule = {
    kind: 'schema',
    objectRef: (fact) => `SCHEMA ${quoteIdent(fact.name[0])}`,
    create: (fact) => [action('schema', { sql: `CREATE SCHEMA ${quoteIdent(fact.name[0])};`, creates: [fact.id] })],
    drop: (fact) => [
        action('schema', {
            sql: `DROP SCHEMA ${quoteIdent(fact.name[0])};`,
            hazards: [{ kind: 'data-loss', message: `drops schema ${quoteIdent(fact.name[0])}` }],
        }),
    ],
    alter: () => [],
};
//# sourceMappingURL=schema.js.map