import { aclDifference, aclItems, allPrivileges } from '../acl.js';
import { factId } from '../fact-id.js';
import { isUserSchema } from '../scope.js';
/** What ALTER DEFAULT PRIVILEGES calls each kind of object pg_default_acl has a letter for. */
const OBJECTS = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };
/**
 * ALTER DEFAULT PRIVILEGES, per role, schema and kind of object. Defaults for all schemas replace
 * PostgreSQL's built-in ones and are compared with them; a schema's only add to those.
 */
export const defaultPrivileges = {
    kind: 'default-privileges',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT CASE WHEN d.defaclrole <> (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
               THEN pg_catalog.pg_get_userbyid(d.defaclrole) END AS role,
             n.nspname AS schema, d.defaclobjtype::text AS objtype,
             ${aclItems('d.defaclacl', 'd.defaclrole')} AS actual,
             CASE WHEN d.defaclnamespace = 0
               THEN ${aclItems('pg_catalog.acldefault(t.letter, d.defaclrole)', 'd.defaclrole')} ELSE '[]' END AS defaults,
             ${allPrivileges('t.letter', 'd.defaclrole')} AS all_privileges
      FROM pg_catalog.pg_default_acl d
      CROSS JOIN LATERAL (SELECT CASE WHEN d.defaclobjtype = 'S' THEN 's' ELSE d.defaclobjtype END::"char" AS letter) t
      LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
      WHERE d.defaclnamespace = 0 OR ${isUserSchema('n.nspname')}`);
        return rows.map((r) => {
            const objects = OBJECTS[r.objtype] ?? r.objtype;
            return {
                id: factId('default-privileges', r.role ?? '', r.schema ?? '', objects),
                kind: 'default-privileges',
                name: [r.role ?? '', r.schema ?? '', objects],
                payload: { grants: aclDifference(r.actual, r.defaults, r.all_privileges) },
                info: {},
                deps: r.schema === null ? [] : [factId('schema', r.schema)],
                refs: [],
            };
        });
    },
};
//# sourceMappingURL=default-privileges.js.map