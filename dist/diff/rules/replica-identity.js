import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const tableOf = (fact) => qualify(fact.name[0], fact.name[1]);
function identitySql(fact) {
    const { identity, index } = fact.payload;
    return identity === 'index' ? `USING INDEX ${quoteIdent(String(index))}` : String(identity).toUpperCase();
}
/** Without a fact the table has the default identity, so dropping the fact sets DEFAULT. */
export const replicaIdentityRule = {
    kind: 'replica_identity',
    objectRef: () => {
        throw new Error('a replica identity is a property of its table and has no name of its own');
    },
    create: (fact) => [
        action('replica_identity', { sql: `ALTER TABLE ${tableOf(fact)} REPLICA IDENTITY ${identitySql(fact)};`, creates: [fact.id] }),
    ],
    drop: (fact) => [action('replica_identity', { sql: `ALTER TABLE ${tableOf(fact)} REPLICA IDENTITY DEFAULT;` })],
    alter: ({ to }) => [
        action('replica_identity', { sql: `ALTER TABLE ${tableOf(to)} REPLICA IDENTITY ${identitySql(to)};`, alters: [to.id] }),
    ],
};
//# sourceMappingURL=replica-identity.js.map