import { action } from '../action.js';
import { missingRoles, roleSql } from './grant-statements.js';
/** `ALTER TABLE public.t OWNER TO app`: the object's own rule names it. */
function ownerTo(fact, ctx, edge) {
    const object = ctx.target.get(fact.parent);
    const ref = ctx.ruleFor(object.kind).objectRef(object);
    const role = fact.payload.role;
    if (role !== null && missingRoles([role], ctx).length) {
        ctx.warn(`role ${roleSql(role)} does not exist on the database: left ${ref} with its owner`);
        return [];
    }
    const hazards = [{ kind: 'authz-change', message: `changes the owner of ${ref}, who holds every privilege on it` }];
    return [action('owner', { sql: `ALTER ${ref} OWNER TO ${role === null ? 'CURRENT_USER' : roleSql(role)};`, hazards, ...edge })];
}
/** Ownership, compared only when asked; a new object already belongs to whoever runs the migration. */
export const ownerRule = {
    kind: 'owner',
    objectRef: () => {
        throw new Error('an owner has no name of its own');
    },
    create: (fact, ctx) => (fact.payload.role === null ? [] : ownerTo(fact, ctx, { creates: [fact.id] })),
    // Every object has an owner: one that stays never loses it.
    drop: () => [],
    alter: ({ to }, ctx) => ownerTo(to, ctx, { alters: [to.id] }),
};
//# sourceMappingURL=owner.js.map