import { quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
import { addValueActions, onlyAddsValues } from './enum-add-values.js';
import { recreateAside } from './recreate-aside.js';
import { typeName, typeRule } from './type-rule.js';
function createEnum(fact) {
    const values = fact.payload.values.map(quoteLiteral).join(', ');
    return [action('enum', { sql: `CREATE TYPE ${typeName(fact)} AS ENUM (${values});`, creates: [fact.id] })];
}
/** PostgreSQL cannot drop or reorder enum values: the type is made anew, and rows holding a removed value fail. */
function removalHazards(name, before, after) {
    const removed = before.filter((value) => !after.includes(value));
    if (!removed.length)
        return [];
    return [
        { kind: 'data-loss', message: `removes value(s) ${removed.join(', ')} from type ${name}` },
        { kind: 'data-dependent', message: `fails if a row holds ${removed.join(', ')} of type ${name}` },
    ];
}
/** Values only added are added in place; anything else needs the type made anew. */
export const enumRule = {
    ...typeRule('enum', createEnum, ({ from, to }, ctx) => {
        const before = from.payload.values;
        const after = to.payload.values;
        if (onlyAddsValues(before, after))
            return addValueActions(to, typeName(to), before, after);
        return recreateAside(from, to, createEnum(to), ctx, removalHazards(typeName(to), before, after));
    }),
    members: (fact) => fact.payload.values,
    renameMember: (fact, from, to) => `ALTER TYPE ${typeName(fact)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`,
};
//# sourceMappingURL=enum.js.map