import type { Catalog, Fact } from '../../catalog/fact.js';
import type { KindQuery } from '../../catalog/kind-query.js';

/** The id of the one fact that lists the cluster's roles. */
export const ROLES_FACT = 'roles:';

/** `member` is a member of `role` (GRANT role TO member), with the right to grant it on when `admin`. */
export type RoleMembership = { role: string; member: string; admin: boolean };

/** Roles are never diffed: what the fact carries is information (`info`), not state. */
export type RolesPayload = Record<string, never>;

export type RolesInfo = { names: string[]; memberships: RoleMembership[] };

export type RolesFact = Fact<RolesPayload, [], RolesInfo>;

export const isRoles = (fact: Fact): fact is RolesFact => fact.kind === 'roles';

/**
 * Roles are cluster-wide and differ between environments, so they are never diffed: one fact with
 * an empty payload carries their names and memberships as information, so that a rule can tell a
 * grant to a role the database lacks from one it can run, and a person can be told how the
 * memberships the schema declares differ (engine/role-membership-drift.ts). Since PostgreSQL 16 a
 * membership may be granted once per grantor: one with admin option makes it an admin membership.
 */
export const rolesQuery: KindQuery = {
  kind: 'roles',
  async extract(db) {
    const { rows } = await db.query<{ names: string[]; memberships: RoleMembership[] }>(`
      SELECT COALESCE((SELECT array_agg(r.rolname::text ORDER BY r.rolname) FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_'),
                      '{}'::text[]) AS names,
             COALESCE((SELECT json_agg(json_build_object('role', s.role, 'member', s.member, 'admin', s.admin) ORDER BY s.role, s.member)
                       FROM (SELECT r.rolname AS role, m.rolname AS member, bool_or(am.admin_option) AS admin
                             FROM pg_catalog.pg_auth_members am
                             JOIN pg_catalog.pg_roles r ON r.oid = am.roleid
                             JOIN pg_catalog.pg_roles m ON m.oid = am.member
                             WHERE m.rolname !~ '^pg_'
                             GROUP BY r.rolname, m.rolname) s), '[]') AS memberships`);
    const { names, memberships } = rows[0]!;
    const payload: RolesPayload = {};
    return [{ id: ROLES_FACT, kind: 'roles', name: [], payload, info: { names, memberships } satisfies RolesInfo, deps: [], refs: [] }];
  },
};

/** The roles of the cluster a catalog was read from; none for a catalog that was not read. */
export function roleNames(catalog: Catalog): string[] {
  const roles = catalog.get(ROLES_FACT);
  return roles && isRoles(roles) ? roles.info.names : [];
}

/** The role memberships of the cluster a catalog was read from; none for a catalog that was not read. */
export function roleMemberships(catalog: Catalog): RoleMembership[] {
  const roles = catalog.get(ROLES_FACT);
  return roles && isRoles(roles) ? roles.info.memberships : [];
}
