import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const indexName = (fact) => qualify(fact.name[0], fact.name[1]);
/** A table the same migration creates is empty, so building its index blocks nobody. */
function buildHazards(fact, ctx) {
    if (!fact.parent || !ctx.source.has(fact.parent))
        return [];
    return [{ kind: 'blocking-index', message: `builds index ${indexName(fact)} while writes to its table wait` }];
}
/**
 * The definition reads `ONLY parent` for a partitioned table's index, as pg_get_indexdef writes
 * it; created without ONLY, the index cascades to every partition and is valid at once.
 */
function createIndex(fact, ctx) {
    const definition = String(fact.payload.definition).replace(/^ONLY /, '');
    const unique = fact.payload.unique ? 'UNIQUE ' : '';
    return [
        action('index', {
            sql: `CREATE ${unique}INDEX ${quoteIdent(fact.name[1])} ON ${definition};`,
            creates: [fact.id],
            hazards: buildHazards(fact, ctx),
        }),
    ];
}
export const indexRule = {
    kind: 'index',
    objectRef: (fact) => `INDEX ${indexName(fact)}`,
    create: createIndex,
    drop: (fact) => [
        action('index', {
            sql: `DROP INDEX ${indexName(fact)};`,
            hazards: [{ kind: 'blocking-index', message: `drops index ${indexName(fact)} while its table is locked` }],
        }),
    ],
    alter: () => 'replace',
    rename: (fact, to) => `ALTER INDEX ${indexName(fact)} RENAME TO ${quoteIdent(to)};`,
};
//# sourceMappingURL=index-rule.js.map