import { aclDifference, aclItems, allPrivileges, type AclEntry, type AclItem } from '../../catalog/acl.js';
import type { Catalog, Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isUserSchema } from '../../catalog/scope.js';

/** One role's defaults in one schema, or all, for one kind of object. */
export type DefaultPrivilegesPayload = {
  /** What new objects get beyond or withhold from PostgreSQL's built-in defaults. */
  grants: AclEntry[];
};

/** `role` is '' for the current user's defaults, `schema` '' for those of all schemas; `objects` is `TABLES`, `TYPES`, …. */
export type DefaultPrivilegesFact = Fact<DefaultPrivilegesPayload, [role: string, schema: string, objects: string]>;

/** The current user's default privileges for a kind of object in a schema ('' for all), where a catalog has them. */
export const currentUserDefaults = (catalog: Catalog, schema: string, objects: string): DefaultPrivilegesFact | undefined =>
  catalog.get(factId('default_privileges', '', schema, objects)) as DefaultPrivilegesFact | undefined;

interface Row {
  /** null when the defaults are the current user's: the one loading the shadow, the one migrating production. */
  role: string | null;
  schema: string | null;
  objtype: string;
  actual: AclItem[];
  defaults: AclItem[];
  all_privileges: string[];
}

/** What ALTER DEFAULT PRIVILEGES calls each kind of object pg_default_acl has a letter for. */
const OBJECTS: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

/**
 * ALTER DEFAULT PRIVILEGES, per role, schema and kind of object. Defaults for all schemas replace
 * PostgreSQL's built-in ones and are compared with them; a schema's only add to those.
 */
export const defaultPrivilegesQuery: KindQuery = {
  kind: 'default_privileges',
  async extract(db) {
    const { rows } = await db.query<Row>(`
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
      const payload: DefaultPrivilegesPayload = { grants: aclDifference(r.actual, r.defaults, r.all_privileges) };
      return {
        id: factId('default_privileges', r.role ?? '', r.schema ?? '', objects),
        kind: 'default_privileges',
        name: [r.role ?? '', r.schema ?? '', objects],
        payload,
        info: {},
        deps: r.schema === null ? [] : [factId('schema', r.schema)],
        refs: [],
      };
    });
  },
};
