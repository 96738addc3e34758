import { qualify } from '../../sql/quote.js';
import { action } from '../action.js';
const statisticsName = (fact) => qualify(fact.name[0], fact.name[1]);
const setTarget = (fact, extra = {}) => action('statistics', {
    sql: `ALTER STATISTICS ${statisticsName(fact)} SET STATISTICS ${fact.payload.target ?? -1};`,
    ...extra,
});
/** A new definition means a new object; only the statistics target changes in place. */
export const statisticsRule = {
    kind: 'statistics',
    objectRef: (fact) => `STATISTICS ${statisticsName(fact)}`,
    create: (fact) => [
        action('statistics', { sql: `${fact.payload.definition};`, creates: [fact.id] }),
        ...(fact.payload.target === null ? [] : [setTarget(fact)]),
    ],
    drop: (fact) => [action('statistics', { sql: `DROP STATISTICS ${statisticsName(fact)};` })],
    alter: ({ to, keys }) => (keys.includes('definition') ? 'replace' : [setTarget(to, { alters: [to.id] })]),
};
//# sourceMappingURL=statistics.js.map