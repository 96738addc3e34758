import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
import { recreateAside } from './recreate-aside.js';
const collationName = (fact) => qualify(fact.name[0], fact.name[1]);
function createCollation(fact) {
    const p = fact.payload;
    const options = [`provider = ${p.provider}`];
    if (p.locale !== null)
        options.push(`locale = ${quoteLiteral(String(p.locale))}`);
    if (p.lcCollate !== null)
        options.push(`lc_collate = ${quoteLiteral(String(p.lcCollate))}`);
    if (p.lcCtype !== null)
        options.push(`lc_ctype = ${quoteLiteral(String(p.lcCtype))}`);
    if (!p.deterministic)
        options.push('deterministic = false');
    if (p.rules !== null)
        options.push(`rules = ${quoteLiteral(String(p.rules))}`);
    return [action('collation', { sql: `CREATE COLLATION ${collationName(fact)} (${options.join(', ')});`, creates: [fact.id] })];
}
/** A collation cannot change: it is made anew and the columns that use it move over with their rows. */
function recreateCollation(from, to, ctx) {
    const hazards = [{ kind: 'data-dependent', message: `re-sorts and re-checks every column of collation ${collationName(to)}` }];
    return recreateAside(from, to, createCollation(to), ctx, hazards);
}
export const collationRule = {
    kind: 'collation',
    objectRef: (fact) => `COLLATION ${collationName(fact)}`,
    create: createCollation,
    drop: (fact) => [action('collation', { sql: `DROP COLLATION ${collationName(fact)};` })],
    alter: ({ from, to }, ctx) => recreateCollation(from, to, ctx),
};
//# sourceMappingURL=collation.js.map