import { PUBLIC_GRANTEE } from '../../catalog/acl.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import { missingRoles, roleSql } from './grant-statements.js';
const onTable = (fact) => `${quoteIdent(fact.name[2])} ON ${qualify(fact.name[0], fact.name[1])}`;
const rolesSql = (roles) => roles.map((r) => (r === PUBLIC_GRANTEE ? 'PUBLIC' : roleSql(r))).join(', ');
/** A policy for roles the database lacks would apply to fewer roles than declared: it waits, with a warning. */
function lacksRoles(fact, ctx) {
    const missing = missingRoles(fact.payload.roles, ctx);
    for (const role of missing)
        ctx.warn(`role ${roleSql(role)} does not exist on the database: left out policy ${onTable(fact)}`);
    return missing.length > 0;
}
const rowsLetThrough = (fact) => [{ kind: 'authz-change', message: `changes which rows policy ${onTable(fact)} lets through` }];
function createPolicy(fact, ctx) {
    if (lacksRoles(fact, ctx))
        return [];
    const p = fact.payload;
    let sql = `CREATE POLICY ${onTable(fact)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command}`;
    sql += ` TO ${rolesSql(p.roles)}`;
    if (p.using !== null)
        sql += ` USING (${p.using})`;
    if (p.check !== null)
        sql += ` WITH CHECK (${p.check})`;
    return [action('policy', { sql: `${sql};`, creates: [fact.id], hazards: rowsLetThrough(fact) })];
}
/**
 * ALTER POLICY changes roles and expressions in place; the command, permissive or restrictive,
 * and removing an expression altogether need the policy dropped and created again.
 */
export const policyRule = {
    kind: 'policy',
    objectRef: (fact) => `POLICY ${onTable(fact)}`,
    create: createPolicy,
    drop: (fact) => [action('policy', { sql: `DROP POLICY ${onTable(fact)};`, hazards: rowsLetThrough(fact) })],
    alter: ({ to, keys }, ctx) => {
        const p = to.payload;
        if (keys.includes('command') || keys.includes('permissive'))
            return 'replace';
        if ((keys.includes('using') && p.using === null) || (keys.includes('check') && p.check === null))
            return 'replace';
        if (keys.includes('roles') && lacksRoles(to, ctx))
            return [];
        let sql = `ALTER POLICY ${onTable(to)}`;
        if (keys.includes('roles'))
            sql += ` TO ${rolesSql(p.roles)}`;
        if (keys.includes('using'))
            sql += ` USING (${p.using})`;
        if (keys.includes('check'))
            sql += ` WITH CHECK (${p.check})`;
        return [action('policy', { sql: `${sql};`, alters: [to.id], hazards: rowsLetThrough(to) })];
    },
};
//# sourceMappingURL=policy.js.map