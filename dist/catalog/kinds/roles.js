/** The id of the one fact that lists the cluster's roles. */
export const ROLES_FACT = 'roles:';
/**
 * Roles are cluster-wide and differ between environments, so they are never diffed: one fact with
 * an empty payload carries their names as information, so that a rule can tell a grant to a role
 * the database lacks from one it can run.
 */
export const roles = {
    kind: 'roles',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT COALESCE(array_agg(r.rolname::text ORDER BY r.rolname), '{}'::text[]) AS names
      FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_'`);
        return [{ id: ROLES_FACT, kind: 'roles', name: [], payload: {}, info: { names: rows[0].names }, deps: [], refs: [] }];
    },
};
/** The roles of the cluster a catalog was read from; none for a catalog that was not read. */
export function roleNames(catalog) {
    return catalog.get(ROLES_FACT)?.info.names ?? [];
}
//# sourceMappingURL=roles.js.map