import { LEVEL_RANK, type AclEntry } from '../../catalog/acl.js';
import { factId } from '../../catalog/fact-id.js';
import { quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { grantStatements, missingRoles } from '../common/grant-statements.js';
import { currentUserDefaults, type DefaultPrivilegesFact, type DefaultPrivilegesPayload } from './query.js';

/**
 * Statements that move one role's defaults in one schema (or all) from `from` to `to`. The role
 * is the current user's unless named; defaults for a role the database lacks are left out.
 */
function alterDefaults(fact: DefaultPrivilegesFact, from: AclEntry[], to: AclEntry[], ctx: RuleContext, edge: Partial<Action>): Action[] {
  const [role, schema, objects] = fact.name;
  if (role && missingRoles([factId('role', role)], ctx).length) {
    ctx.warn(`role ${quoteIdent(role)} does not exist on the database: left out its default privileges on ${objects}`);
    return [];
  }
  const prefix = `ALTER DEFAULT PRIVILEGES ${role ? `FOR ROLE ${quoteIdent(role)} ` : ''}${schema ? `IN SCHEMA ${quoteIdent(schema)} ` : ''}`;
  const about = `${objects}${schema ? ` in schema ${quoteIdent(schema)}` : ''}`;
  const owner = role ? quoteIdent(role) : 'CURRENT_USER';
  return grantStatements(from, to, { on: `ON ${objects}`, prefix, owner, about }, ctx).map((sql) =>
    action('default_privileges', { sql, hazards: [{ kind: 'authz-change', message: `changes the privileges new ${about} get` }], ...edge }),
  );
}

export const createDefaults = (fact: DefaultPrivilegesFact, ctx: RuleContext): Action[] =>
  alterDefaults(fact, [], fact.payload.grants, ctx, { creates: [fact.id] });

export const dropDefaults = (fact: DefaultPrivilegesFact, ctx: RuleContext): Action[] =>
  alterDefaults(fact, fact.payload.grants, [], ctx, {});

export const changeDefaults = ({ from, to }: Change<DefaultPrivilegesPayload, DefaultPrivilegesFact['name']>, ctx: RuleContext): Action[] =>
  alterDefaults(to, from.payload.grants, to.payload.grants, ctx, { alters: [to.id] });

/**
 * The privileges the current user's new objects of a kind (`TABLES`) get in `schema` once the
 * target's defaults are in place: those for all schemas, raised by the schema's own.
 */
export function creationDefaults(objects: string, schema: string | undefined, ctx: RuleContext): AclEntry[] {
  const merged = new Map<string, AclEntry>();
  for (const entry of currentUserDefaults(ctx.target, '', objects)?.payload.grants ?? []) {
    merged.set(`${entry.grantee}\t${entry.privilege}`, entry);
  }
  const local = schema === undefined ? undefined : currentUserDefaults(ctx.target, schema, objects);
  for (const entry of local?.payload.grants ?? []) {
    const key = `${entry.grantee}\t${entry.privilege}`;
    const known = merged.get(key);
    if (!known || LEVEL_RANK[entry.level] > LEVEL_RANK[known.level]) merged.set(key, { ...entry, default: known?.default ?? entry.default });
  }
  return [...merged.values()];
}
