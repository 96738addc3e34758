import type { Catalog } from '../catalog/fact.js';
import { roleMemberships, type RoleMembership } from '../kinds/roles/query.js';
import type { Statement } from '../db/split-statements.js';
import { quoteIdent } from '../sql/quote.js';

type Node = Record<string, unknown>;

const key = (m: { role: string; member: string }) => `${m.role}\u0000${m.member}`;

/**
 * The memberships the schema's GRANT role TO member (and REVOKE) statements leave standing, in file
 * order, and the roles they grant: the schema speaks for the members of those roles only. A
 * grantee named CURRENT_USER or SESSION_USER depends on who runs the file and is not counted.
 */
export function declaredMemberships(statements: Statement[]): { memberships: RoleMembership[]; roles: Set<string> } {
  const declared = new Map<string, RoleMembership>();
  const roles = new Set<string>();
  for (const s of statements) {
    if (s.type !== 'GrantRoleStmt') continue;
    const node = s.node as Node;
    const admin = ((node.opt as { DefElem: Node }[] | undefined) ?? []).some((o) => o.DefElem.defname === 'admin');
    for (const granted of node.granted_roles as { AccessPriv: { priv_name: string } }[]) {
      const role = granted.AccessPriv.priv_name;
      roles.add(role);
      for (const grantee of node.grantee_roles as { RoleSpec: Node }[]) {
        if (grantee.RoleSpec.roletype !== 'ROLESPEC_CSTRING') continue;
        const m = { role, member: String(grantee.RoleSpec.rolename), admin };
        if (!node.is_grant) {
          // REVOKE ADMIN OPTION FOR keeps the membership without the option.
          if (admin && declared.has(key(m))) declared.set(key(m), { ...m, admin: false });
          else declared.delete(key(m));
        } else declared.set(key(m), { ...m, admin: admin || (declared.get(key(m))?.admin ?? false) });
      }
    }
  }
  return { memberships: [...declared.values()], roles };
}

/**
 * What a DBA would run to give the database's cluster the memberships the schema declares, for the
 * roles the schema grants: schema-bot never creates, grants or revokes roles itself.
 */
export function membershipDrift(statements: Statement[], production: Catalog): string[] {
  const { memberships, roles } = declaredMemberships(statements);
  if (roles.size === 0) return [];
  const existing = new Map(roleMemberships(production).map((m) => [key(m), m]));
  const wanted = new Map(memberships.map((m) => [key(m), m]));
  const sql: string[] = [];
  for (const m of memberships) {
    const has = existing.get(key(m));
    if (!has || (m.admin && !has.admin)) sql.push(`GRANT ${quoteIdent(m.role)} TO ${quoteIdent(m.member)}${m.admin ? ' WITH ADMIN OPTION' : ''};`);
    else if (!m.admin && has.admin) sql.push(`REVOKE ADMIN OPTION FOR ${quoteIdent(m.role)} FROM ${quoteIdent(m.member)};`);
  }
  for (const m of existing.values()) {
    if (roles.has(m.role) && !wanted.has(key(m))) sql.push(`REVOKE ${quoteIdent(m.role)} FROM ${quoteIdent(m.member)};`);
  }
  return sql;
}

/** The drift on stderr, as statements a DBA can review and run; nothing when they agree. */
export function reportMembershipDrift(statements: Statement[], production: Catalog, log: (message: string) => void): void {
  const sql = membershipDrift(statements, production);
  if (sql.length === 0) return;
  log(`warning: the database's role memberships differ from those the schema declares; schema-bot never changes roles, ` +
    `so these statements are not in the plan, for a DBA to run:\n${sql.map((s) => `  ${s}`).join('\n')}`);
}
