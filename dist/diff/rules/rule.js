import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const relationOf = (fact) => qualify(fact.name[0], fact.name[1]);
const ruleRef = (fact) => `${quoteIdent(fact.name[2])} ON ${relationOf(fact)}`;
const ENABLE = {
    origin: 'ENABLE RULE',
    disabled: 'DISABLE RULE',
    replica: 'ENABLE REPLICA RULE',
    always: 'ENABLE ALWAYS RULE',
};
function setEnabled(fact, extra) {
    return action('rule', {
        sql: `ALTER TABLE ${relationOf(fact)} ${ENABLE[String(fact.payload.enabled)]} ${quoteIdent(fact.name[2])};`,
        ...extra,
    });
}
/** pg_get_ruledef writes the whole CREATE RULE statement; replacing it keeps the rule's name. */
const definition = (fact, orReplace) => orReplace ? String(fact.payload.definition).replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : String(fact.payload.definition);
export const ruleRule = {
    kind: 'rule',
    objectRef: (fact) => `RULE ${ruleRef(fact)}`,
    create: (fact) => [
        action('rule', { sql: definition(fact, false), creates: [fact.id] }),
        ...(fact.payload.enabled === 'origin' ? [] : [setEnabled(fact, {})]),
    ],
    drop: (fact) => [action('rule', { sql: `DROP RULE ${ruleRef(fact)};` })],
    alter: ({ to, keys }) => [
        ...(keys.includes('definition') ? [action('rule', { sql: definition(to, true), alters: [to.id] })] : []),
        ...(keys.includes('enabled') ? [setEnabled(to, { alters: [to.id] })] : []),
    ],
};
//# sourceMappingURL=rule.js.map