import { qualify } from '../../sql/quote.js';
import { action } from '../action.js';
import { recreateParked } from './recreate-aside.js';
import { typeName, typeRule } from './type-rule.js';
function createRange(fact) {
    const p = fact.payload;
    const options = [`SUBTYPE = ${p.subtype}`];
    if (p.opclass)
        options.push(`SUBTYPE_OPCLASS = ${p.opclass}`);
    if (p.collation)
        options.push(`COLLATION = ${p.collation}`);
    if (p.canonical)
        options.push(`CANONICAL = ${p.canonical}`);
    if (p.subtypeDiff)
        options.push(`SUBTYPE_DIFF = ${p.subtypeDiff}`);
    if (p.multirange)
        options.push(`MULTIRANGE_TYPE_NAME = ${qualify(...p.multirange)}`);
    return [action('range', { sql: `CREATE TYPE ${typeName(fact)} AS RANGE (${options.join(', ')});`, creates: [fact.id] })];
}
/** A range type has nothing to change in place: it is made anew and its rows wait as text. */
function recreateRange(from, to, ctx) {
    const hazards = [{ kind: 'data-dependent', message: `fails if a value of ${typeName(to)} does not fit its new definition` }];
    return recreateParked(from, to, createRange(to), ctx, hazards);
}
export const rangeRule = typeRule('range', createRange, ({ from, to }, ctx) => recreateRange(from, to, ctx));
//# sourceMappingURL=range.js.map