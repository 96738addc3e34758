import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
export const typeName = (fact) => qualify(fact.name[0], fact.name[1]);
/** The rule of a CREATE TYPE flavour (enum, composite, range): they differ in how they are made and changed. */
export function typeRule(kind, create, alter) {
    return {
        kind,
        objectRef: (fact) => `TYPE ${typeName(fact)}`,
        create,
        drop: (fact) => [
            action(kind, { sql: `DROP TYPE ${typeName(fact)};`, hazards: [{ kind: 'data-loss', message: `drops type ${typeName(fact)}` }] }),
        ],
        alter,
        rename: (fact, to) => `ALTER TYPE ${typeName(fact)} RENAME TO ${quoteIdent(to)};`,
    };
}
//# sourceMappingURL=type-rule.js.map