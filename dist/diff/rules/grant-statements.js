import { LEVEL_RANK, OWNER_GRANTEE, PUBLIC_GRANTEE } from '../../catalog/acl.js';
import { roleNames, ROLES_FACT } from '../../catalog/kinds/roles.js';
function stepBetween(from, to) {
    if (from === to)
        return undefined;
    if (to === 'none')
        return 'revoke';
    if (to === 'grantable')
        return 'grant option';
    return LEVEL_RANK[from] > LEVEL_RANK[to] ? 'revoke grant option' : 'grant';
}
/** Role fact ids the database does not have; none when the catalog does not list its roles. */
export function missingRoles(roleIds, ctx) {
    if (!ctx.source.has(ROLES_FACT))
        return [];
    const known = new Set(roleNames(ctx.source).map((n) => `role:${n}`));
    return roleIds.filter((id) => id.startsWith('role:') && !known.has(id));
}
/** `role:"Ann"` → `"Ann"`: the fact id already quotes the name. */
export const roleSql = (id) => id.slice('role:'.length);
/**
 * GRANT and REVOKE statements that take the privileges `from` one set of differences from the
 * default to another. A grantee that ends up with none of a kind's rights loses them with one
 * REVOKE ALL, which also takes rights that only a newer server lists (MAINTAIN). Grants to roles
 * the database does not have are left out with a warning.
 */
export function grantStatements(from, to, target, ctx) {
    const key = (e) => `${e.grantee}\t${e.privilege}`;
    const before = new Map(from.map((e) => [key(e), e]));
    const after = new Map(to.map((e) => [key(e), e]));
    const steps = new Map();
    for (const k of new Set([...before.keys(), ...after.keys()])) {
        const was = before.get(k);
        const will = after.get(k);
        const entry = (will ?? was);
        const step = stepBetween(was?.level ?? will.default, will?.level ?? was.default);
        if (!step)
            continue;
        const byStep = steps.get(entry.grantee) ?? new Map();
        byStep.set(step, [...(byStep.get(step) ?? []), entry.privilege]);
        steps.set(entry.grantee, byStep);
    }
    const missing = new Set(missingRoles([...steps.keys()], ctx));
    for (const role of missing)
        ctx.warn(`role ${roleSql(role)} does not exist on the database: left out its privileges on ${target.about}`);
    const write = target.privilege ?? ((p) => p);
    const prefix = target.prefix ?? '';
    const statements = [];
    for (const [grantee, byStep] of steps) {
        if (missing.has(grantee))
            continue;
        const who = grantee === PUBLIC_GRANTEE ? 'PUBLIC' : grantee === OWNER_GRANTEE ? target.owner : roleSql(grantee);
        const revokesAll = grantee !== OWNER_GRANTEE && !to.some((e) => e.grantee === grantee) &&
            from.every((e) => e.grantee !== grantee || e.default === 'none');
        for (const [step, privileges] of byStep) {
            const list = step === 'revoke' && revokesAll ? write('ALL') : privileges.map(write).join(', ');
            if (step === 'grant')
                statements.push(`${prefix}GRANT ${list} ${target.on} TO ${who};`);
            if (step === 'grant option')
                statements.push(`${prefix}GRANT ${list} ${target.on} TO ${who} WITH GRANT OPTION;`);
            if (step === 'revoke grant option')
                statements.push(`${prefix}REVOKE GRANT OPTION FOR ${list} ${target.on} FROM ${who};`);
            if (step === 'revoke')
                statements.push(`${prefix}REVOKE ${list} ${target.on} FROM ${who};`);
        }
    }
    return statements;
}
//# sourceMappingURL=grant-statements.js.map