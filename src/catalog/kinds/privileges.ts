import { aclDifference, aclItems, allPrivileges, type AclItem } from '../acl.js';
import { quoteIdent } from '../../sql/quote.js';
import type { KindQuery } from '../kind-query.js';
import { OWNED_OBJECTS } from '../owned-objects.js';

interface Row {
  ref: string;
  /** For a column: the catalog address of its table and the column's name. */
  relation_ref: string | null;
  column: string | null;
  owner: string;
  actual: AclItem[];
  defaults: AclItem[];
  all_privileges: string[];
}

/**
 * Every database is created with a public schema that PUBLIC may use, and before PostgreSQL 15
 * also create objects in: that is its default, so a fresh database reads the same on every major.
 */
const PUBLIC_SCHEMA_USAGE = ` || CASE WHEN o.classid = 'pg_namespace'::regclass AND o.nspname = 'public'
  THEN ARRAY[pg_catalog.makeaclitem(0, o.owner, 'USAGE', false)]
    || CASE WHEN pg_catalog.current_setting('server_version_num')::int < 150000
         THEN ARRAY[pg_catalog.makeaclitem(0, o.owner, 'CREATE', false)] ELSE '{}' END
  ELSE '{}' END`;

/**
 * The privileges on every object that can carry them, whatever its kind: like a comment, each row
 * knows its object only by catalog address and finds it once every kind is read, so grants on a
 * kind the engine learns later need nothing here. The payload is what the ACL grants beyond or
 * withholds from PostgreSQL's default for that kind of object; every such object has a fact, even
 * with default privileges, because revoking an owner's right needs the owner's name (`info`).
 * Column privileges belong to the column where the column is a fact of its own, else to the
 * relation (a view's columns); they also depend on the relation's own privileges, because
 * revoking a privilege on a relation revokes it on each of its columns too.
 */
export const privileges: KindQuery = {
  kind: 'privileges',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT o.classid::oid::text || ':' || o.objid::text || ':' || o.objsubid::text AS ref,
             CASE WHEN o.column_name IS NOT NULL THEN o.classid::oid::text || ':' || o.objid::text || ':0' END AS relation_ref,
             o.column_name AS column, pg_catalog.pg_get_userbyid(o.owner) AS owner,
             ${aclItems('COALESCE(o.acl, pg_catalog.acldefault(o.type, o.owner))', 'o.owner')} AS actual,
             ${aclItems('pg_catalog.acldefault(o.type, o.owner)' + PUBLIC_SCHEMA_USAGE, 'o.owner')} AS defaults,
             ${allPrivileges('o.type', 'o.owner')} AS all_privileges
      FROM (${OWNED_OBJECTS}) o
      WHERE o.type IS NOT NULL`);
    return rows.map((r) => ({
      id: `privileges@${r.ref}`,
      kind: 'privileges',
      name: [],
      payload: { grants: aclDifference(r.actual, r.defaults, r.all_privileges) },
      info: { owner: r.owner, column: r.column },
      deps: [],
      refs: [],
      resolve: (fact, idOf) => {
        const target = idOf(r.ref) ?? (r.relation_ref === null ? undefined : idOf(r.relation_ref));
        if (!target) return undefined;
        const relation = r.relation_ref === null ? null : idOf(r.relation_ref) ?? null;
        const id = target === relation ? `privileges:${target}.${quoteIdent(r.column!)}` : `privileges:${target}`;
        const deps = relation === null ? [target] : [target, `privileges:${relation}`];
        return { ...fact, id, name: [target], parent: target, deps, info: { ...fact.info, relation } };
      },
    }));
  },
};
