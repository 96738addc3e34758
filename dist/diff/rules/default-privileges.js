import { LEVEL_RANK } from '../../catalog/acl.js';
import { factId } from '../../catalog/fact-id.js';
import { quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import { grantStatements, missingRoles } from './grant-statements.js';
const grantsOf = (fact) => (fact?.payload.grants ?? []);
/**
 * Statements that move one role's defaults in one schema (or all) from `from` to `to`. The role
 * is the current user's unless named; defaults for a role the database lacks are left out.
 */
function alterDefaults(fact, from, to, ctx, edge) {
    const [role, schema, objects] = fact.name;
    if (role && missingRoles([factId('role', role)], ctx).length) {
        ctx.warn(`role ${quoteIdent(role)} does not exist on the database: left out its default privileges on ${objects}`);
        return [];
    }
    const prefix = `ALTER DEFAULT PRIVILEGES ${role ? `FOR ROLE ${quoteIdent(role)} ` : ''}${schema ? `IN SCHEMA ${quoteIdent(schema)} ` : ''}`;
    const about = `${objects}${schema ? ` in schema ${quoteIdent(schema)}` : ''}`;
    const owner = role ? quoteIdent(role) : 'CURRENT_USER';
    return grantStatements(from, to, { on: `ON ${objects}`, prefix, owner, about }, ctx).map((sql) => action('default-privileges', { sql, hazards: [{ kind: 'authz-change', message: `changes the privileges new ${about} get` }], ...edge }));
}
/**
 * The privileges the current user's new objects of a kind (`TABLES`) get in `schema` once the
 * target's defaults are in place: those for all schemas, raised by the schema's own.
 */
export function creationDefaults(objects, schema, ctx) {
    const merged = new Map();
    for (const entry of grantsOf(ctx.target.get(factId('default-privileges', '', '', objects)))) {
        merged.set(`${entry.grantee}\t${entry.privilege}`, entry);
    }
    const local = schema === undefined ? undefined : ctx.target.get(factId('default-privileges', '', schema, objects));
    for (const entry of grantsOf(local)) {
        const key = `${entry.grantee}\t${entry.privilege}`;
        const known = merged.get(key);
        if (!known || LEVEL_RANK[entry.level] > LEVEL_RANK[known.level])
            merged.set(key, { ...entry, default: known?.default ?? entry.default });
    }
    return [...merged.values()];
}
/**
 * ALTER DEFAULT PRIVILEGES. Its rank puts it before the objects of its schema are created, so
 * they start from the target's defaults, which is what the privileges rule expects of them.
 */
export const defaultPrivilegesRule = {
    kind: 'default-privileges',
    objectRef: () => {
        throw new Error('default privileges have no name of their own');
    },
    create: (fact, ctx) => alterDefaults(fact, [], grantsOf(fact), ctx, { creates: [fact.id] }),
    drop: (fact, ctx) => alterDefaults(fact, grantsOf(fact), [], ctx, {}),
    alter: ({ from, to }, ctx) => alterDefaults(to, grantsOf(from), grantsOf(to), ctx, { alters: [to.id] }),
};
//# sourceMappingURL=default-privileges.js.map