import { quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import { domainConstraintClause } from './domain-constraint.js';
import { recreateAside } from './recreate-aside.js';
import { typeName as domainName } from './type-rule.js';
/** CREATE DOMAIN with its valid CHECK constraints inline; NOT VALID ones can only be added later. */
function createDomain(fact, ctx) {
    const p = fact.payload;
    const parts = [`CREATE DOMAIN ${domainName(fact)} AS ${p.base}`];
    if (p.collation)
        parts.push(`COLLATE ${p.collation}`);
    if (p.default !== null)
        parts.push(`DEFAULT ${p.default}`);
    if (p.notNull)
        parts.push('NOT NULL');
    const inline = ctx.children(ctx.target, fact.id).filter((c) => c.kind === 'domain-constraint' && c.payload.validated);
    parts.push(...inline.map(domainConstraintClause));
    return [action('domain', { sql: `${parts.join(' ')};`, creates: [fact.id, ...inline.map((c) => c.id)] })];
}
/** Default and NOT NULL change in place; a new base type or collation needs the domain made anew. */
function alterDomain(from, to, keys, ctx) {
    const name = domainName(to);
    if (keys.includes('base') || keys.includes('collation')) {
        const hazards = [{ kind: 'data-dependent', message: `fails if a value of ${name} does not fit ${to.payload.base}` }];
        return recreateAside(from, to, createDomain(to, ctx), ctx, hazards);
    }
    const out = [];
    const alter = (clause, hazards = []) => out.push(action('domain', { sql: `ALTER DOMAIN ${name} ${clause};`, alters: [to.id], hazards }));
    if (keys.includes('default'))
        alter(to.payload.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${to.payload.default}`);
    if (keys.includes('notNull')) {
        if (to.payload.notNull) {
            alter('SET NOT NULL', [
                { kind: 'full-scan-under-lock', message: `scans every column of domain ${name} to prove no NULLs` },
                { kind: 'data-dependent', message: `fails if a column of domain ${name} holds NULLs` },
            ]);
        }
        else
            alter('DROP NOT NULL');
    }
    return out;
}
export const domainRule = {
    kind: 'domain',
    objectRef: (fact) => `DOMAIN ${domainName(fact)}`,
    rename: (fact, to) => `ALTER DOMAIN ${domainName(fact)} RENAME TO ${quoteIdent(to)};`,
    create: createDomain,
    drop: (fact) => [
        action('domain', {
            sql: `DROP DOMAIN ${domainName(fact)};`,
            hazards: [{ kind: 'data-loss', message: `drops domain ${domainName(fact)}` }],
        }),
    ],
    alter: ({ from, to, keys }, ctx) => alterDomain(from, to, keys, ctx),
};
//# sourceMappingURL=domain.js.map