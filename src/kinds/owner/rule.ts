import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { missingRoles, roleSql } from '../common/grant-statements.js';
import type { OwnerFact, OwnerPayload } from './query.js';

/** `ALTER TABLE public.t OWNER TO app`: the object's own rule names it. */
function ownerTo(fact: OwnerFact, ctx: RuleContext, edge: Partial<Action>): Action[] {
  const object = ctx.target.get(fact.parent!)!;
  const ref = ctx.ruleFor(object.kind).objectRef(object);
  const role = fact.payload.role;
  if (role !== null && missingRoles([role], ctx).length) {
    ctx.warn(`role ${roleSql(role)} does not exist on the database: left ${ref} with its owner`);
    return [];
  }
  const hazards = [{ kind: 'authz-change' as const, message: `changes the owner of ${ref}, who holds every privilege on it` }];
  return [action('owner', { sql: `ALTER ${ref} OWNER TO ${role === null ? 'CURRENT_USER' : roleSql(role)};`, hazards, ...edge })];
}

/** A new object already belongs to whoever runs the migration. */
export const handOver = (fact: OwnerFact, ctx: RuleContext): Action[] =>
  fact.payload.role === null ? [] : ownerTo(fact, ctx, { creates: [fact.id] });

export const changeOwner = ({ to }: Change<OwnerPayload, OwnerFact['name']>, ctx: RuleContext): Action[] =>
  ownerTo(to, ctx, { alters: [to.id] });
