import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const tableOf = (fact) => qualify(fact.name[0], fact.name[1]);
const nameOf = (fact) => quoteIdent(fact.name[2]);
/** How ALTER TABLE and ALTER EVENT TRIGGER put a trigger into each firing state. */
export const STATE_CLAUSES = {
    enabled: 'ENABLE',
    disabled: 'DISABLE',
    replica: 'ENABLE REPLICA',
    always: 'ENABLE ALWAYS',
};
function setState(fact) {
    const clause = STATE_CLAUSES[String(fact.payload.enabled)];
    return action('trigger', { sql: `ALTER TABLE ${tableOf(fact)} ${clause} TRIGGER ${nameOf(fact)};`, alters: [fact.id] });
}
/**
 * CREATE OR REPLACE TRIGGER is not on PostgreSQL 13, so a changed trigger is dropped and created;
 * a trigger that only fires differently is switched in place.
 */
export const triggerRule = {
    kind: 'trigger',
    objectRef: (fact) => `TRIGGER ${nameOf(fact)} ON ${tableOf(fact)}`,
    create: (fact) => {
        const out = [action('trigger', { sql: `${String(fact.payload.definition)};`, creates: [fact.id] })];
        if (fact.payload.enabled !== 'enabled')
            out.push(setState(fact));
        return out;
    },
    drop: (fact) => [action('trigger', { sql: `DROP TRIGGER ${nameOf(fact)} ON ${tableOf(fact)};` })],
    alter: ({ to, keys }) => (keys.every((k) => k === 'enabled') ? [setState(to)] : 'replace'),
};
//# sourceMappingURL=trigger.js.map