import { LEVEL_RANK, type AclEntry } from '../../catalog/acl.js';
import type { Catalog, Fact } from '../../catalog/fact.js';
import { quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult, RuleContext } from '../../diff/rule.js';
import { grantStatements, type GrantTarget } from '../common/grant-statements.js';
import { creationDefaults } from '../default-privileges/rule.js';
import type { PrivilegesFact, PrivilegesInfo, PrivilegesPayload } from './query.js';

/** Where GRANT names a class of object differently from COMMENT ON. */
const GRANT_CLASS: [comment: string, grant: string][] = [
  ['MATERIALIZED VIEW ', 'TABLE '],
  ['FOREIGN TABLE ', 'TABLE '],
  ['VIEW ', 'TABLE '],
  ['AGGREGATE ', 'FUNCTION '],
  ['SERVER ', 'FOREIGN SERVER '],
];

/** The kinds of object ALTER DEFAULT PRIVILEGES knows, by the word GRANT names them with. */
const DEFAULTS_FOR: Record<string, string> = {
  TABLE: 'TABLES', SEQUENCE: 'SEQUENCES', FUNCTION: 'FUNCTIONS', PROCEDURE: 'FUNCTIONS', TYPE: 'TYPES', DOMAIN: 'TYPES', SCHEMA: 'SCHEMAS',
};

const objectOf = (fact: PrivilegesFact, catalog: Catalog): Fact =>
  catalog.get(fact.info.column === null ? fact.parent! : fact.info.relation!)!;

/** `TABLE public.t`: the object's own rule names it, in GRANT's words. */
function grantRef(object: Fact, ctx: RuleContext): string {
  const ref = ctx.ruleFor(object.kind).objectRef(object);
  const renamed = GRANT_CLASS.find(([comment]) => ref.startsWith(comment));
  return renamed ? renamed[1] + ref.slice(renamed[0].length) : ref;
}

/**
 * What a new object's ACL starts from: the target's default privileges for its kind and schema,
 * which are in place before it is created. A column starts from none.
 */
function startingPrivileges(fact: PrivilegesFact, ctx: RuleContext): AclEntry[] {
  if (fact.info.column !== null) return [];
  const object = objectOf(fact, ctx.target);
  const objects = DEFAULTS_FOR[grantRef(object, ctx).split(' ')[0]!];
  if (!objects) return [];
  return creationDefaults(objects, object.kind === 'schema' ? undefined : object.name[0], ctx);
}

/** `ON TABLE public.t`; a column's privileges name their relation. */
function grantTarget(fact: PrivilegesFact, catalog: Catalog, ctx: RuleContext, owner: string): GrantTarget {
  const column = fact.info.column;
  const ref = grantRef(objectOf(fact, catalog), ctx);
  return {
    on: `ON ${ref}`,
    owner,
    about: column === null ? ref : `${ref} (${column})`,
    privilege: column === null ? undefined : (p) => `${p} (${quoteIdent(column)})`,
  };
}

function statements(sql: string[], edge: Partial<Pick<Action, 'creates' | 'alters'>>): Action[] {
  const hazards = [{ kind: 'authz-change' as const, message: 'changes who holds which privileges' }];
  return sql.map((s) => action('privileges', { sql: s, hazards, ...edge }));
}

/**
 * Privileges are stated relative to PostgreSQL's defaults, so a new object starts from the default
 * privileges in force. The owner's own rights are revoked from the owner production has; on an
 * object this migration creates, the owner is whoever runs it.
 */
export const grantPrivileges = (fact: PrivilegesFact, ctx: RuleContext): Action[] =>
  statements(grantStatements(startingPrivileges(fact, ctx), fact.payload.grants, grantTarget(fact, ctx.target, ctx, 'CURRENT_USER'), ctx), {
    creates: [fact.id],
  });

/** Only reached while the object stays: a dropped object's privileges go with it. */
export const revokePrivileges = (fact: PrivilegesFact, ctx: RuleContext): Action[] =>
  statements(grantStatements(fact.payload.grants, [], grantTarget(fact, ctx.source, ctx, ownerOf(fact)), ctx), {});

/** An object that keeps its privileges fact changes only what differs. */
export function changePrivileges({ from, to }: Change<PrivilegesPayload, PrivilegesFact['name'], PrivilegesInfo>, ctx: RuleContext): AlterResult {
  const actions = statements(grantStatements(from.payload.grants, to.payload.grants, grantTarget(to, ctx.target, ctx, ownerOf(from)), ctx), {
    alters: [to.id],
  });
  // REVOKE on a relation revokes on its columns as well: their grants go first and come back after.
  return revokesAny(from, to) ? { actions, rebuild: (dependent: Fact) => dependent.kind === 'privileges' } : actions;
}

/** Whether some grantee ends up holding a privilege less than before. */
function revokesAny(from: PrivilegesFact, to: PrivilegesFact): boolean {
  const after = new Map(to.payload.grants.map((g) => [`${g.grantee} ${g.privilege}`, g.level]));
  return from.payload.grants.some((g) => LEVEL_RANK[after.get(`${g.grantee} ${g.privilege}`) ?? g.default] < LEVEL_RANK[g.level]);
}

const ownerOf = (fact: PrivilegesFact) => quoteIdent(fact.info.owner);
