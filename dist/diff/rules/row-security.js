import { qualify } from '../../sql/quote.js';
import { action } from '../action.js';
const SWITCHES = { enabled: ['ENABLE', 'DISABLE'], forced: ['FORCE', 'NO FORCE'] };
/** ALTER TABLE … ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY for each switch that moves. */
function switchTo(fact, state, edge, keys) {
    const table = qualify(fact.name[0], fact.name[1]);
    return Object.keys(SWITCHES)
        .filter((k) => (keys ? keys.includes(k) : state[k]))
        .map((k) => action('row-security', {
        sql: `ALTER TABLE ${table} ${SWITCHES[k][state[k] ? 0 : 1]} ROW LEVEL SECURITY;`,
        hazards: [{ kind: 'authz-change', message: `changes which rows of ${table} sessions see` }],
        ...edge,
    }));
}
export const rowSecurityRule = {
    kind: 'row-security',
    objectRef: () => {
        throw new Error('row level security is a switch of its table');
    },
    create: (fact) => switchTo(fact, fact.payload, { creates: [fact.id] }),
    // Only reached while the table stays: both switches go back to off.
    drop: (fact) => switchTo(fact, { enabled: false, forced: false }, {}, Object.keys(SWITCHES).filter((k) => fact.payload[k])),
    alter: ({ to, keys }) => switchTo(to, to.payload, { alters: [to.id] }, keys),
};
//# sourceMappingURL=row-security.js.map