import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
const domainOf = (fact) => qualify(fact.name[0], fact.name[1]);
const constraintName = (fact) => quoteIdent(fact.name[2]);
/** `CONSTRAINT name CHECK (…)`, as CREATE DOMAIN and ADD CONSTRAINT both write it. */
export function domainConstraintClause(fact) {
    return `CONSTRAINT ${constraintName(fact)} ${fact.payload.check}`;
}
/** A NOT VALID constraint becomes valid in place; any other change makes it anew. */
export const domainConstraintRule = {
    kind: 'domain-constraint',
    objectRef: (fact) => `CONSTRAINT ${constraintName(fact)} ON DOMAIN ${domainOf(fact)}`,
    create: (fact) => {
        const valid = fact.payload.validated;
        return [
            action('domain-constraint', {
                sql: `ALTER DOMAIN ${domainOf(fact)} ADD ${domainConstraintClause(fact)}${valid ? '' : ' NOT VALID'};`,
                creates: [fact.id],
                hazards: valid
                    ? [
                        { kind: 'full-scan-under-lock', message: `checks every column of domain ${domainOf(fact)} against ${constraintName(fact)}` },
                        { kind: 'data-dependent', message: `fails if a value of domain ${domainOf(fact)} breaks ${constraintName(fact)}` },
                    ]
                    : [],
            }),
        ];
    },
    drop: (fact) => [
        action('domain-constraint', { sql: `ALTER DOMAIN ${domainOf(fact)} DROP CONSTRAINT ${constraintName(fact)};` }),
    ],
    alter: ({ from, to, keys }) => {
        if (keys.length === 1 && keys[0] === 'validated' && to.payload.validated && !from.payload.validated) {
            return [
                action('domain-constraint', {
                    sql: `ALTER DOMAIN ${domainOf(to)} VALIDATE CONSTRAINT ${constraintName(to)};`,
                    alters: [to.id],
                    hazards: [{ kind: 'data-dependent', message: `fails if a value of domain ${domainOf(to)} breaks ${constraintName(to)}` }],
                }),
            ];
        }
        return 'replace';
    },
};
//# sourceMappingURL=domain-constraint.js.map