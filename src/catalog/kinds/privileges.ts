import { aclDifference, aclItems, allPrivileges, type AclItem } from '../acl.js';
import { quoteIdent } from '../../sql/quote.js';
import type { KindQuery } from '../kind-query.js';
import { isUserSchema } from '../scope.js';

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

/** Every catalog whose objects carry an ACL: its address, its acldefault letter, owner and ACL. */
const OBJECTS = `
  SELECT 'pg_class'::regclass AS classid, c.oid AS objid, 0 AS objsubid,
         CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char" AS type, c.relowner AS owner, c.relacl AS acl,
         NULL::name AS column_name, n.nspname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  UNION ALL
  SELECT 'pg_class'::regclass, c.oid, a.attnum, 'c', c.relowner, a.attacl, a.attname, n.nspname
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'pg_namespace'::regclass, n.oid, 0, 'n', n.nspowner, n.nspacl, NULL, n.nspname
  FROM pg_catalog.pg_namespace n
  UNION ALL
  SELECT 'pg_proc'::regclass, p.oid, 0, 'f', p.proowner, p.proacl, NULL, n.nspname
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  UNION ALL
  SELECT 'pg_type'::regclass, t.oid, 0, 'T', t.typowner, t.typacl, NULL, n.nspname
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
  WHERE (t.typtype = 'd' OR t.typcategory <> 'A') AND (tc.relkind IS NULL OR tc.relkind = 'c')
  UNION ALL
  SELECT 'pg_foreign_data_wrapper'::regclass, w.oid, 0, 'F', w.fdwowner, w.fdwacl, NULL, NULL
  FROM pg_catalog.pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'pg_foreign_server'::regclass, s.oid, 0, 'S', s.srvowner, s.srvacl, NULL, NULL
  FROM pg_catalog.pg_foreign_server s`;

/**
 * The privileges on every object that can carry them, whatever its kind: like a comment, each row
 * knows its object only by catalog address and finds it once every kind is read, so grants on a
 * kind the engine learns later need nothing here. The payload is what the ACL grants beyond or
 * withholds from PostgreSQL's default for that kind of object; every such object has a fact, even
 * with default privileges, because revoking an owner's right needs the owner's name (`info`).
 * Column privileges belong to the column where the column is a fact of its own, else to the
 * relation (a view's columns).
 */
export const privileges: KindQuery = {
  kind: 'privileges',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT o.classid::oid::text || ':' || o.objid::text || ':' || o.objsubid::text AS ref,
             CASE WHEN o.column_name IS NOT NULL THEN o.classid::oid::text || ':' || o.objid::text || ':0' END AS relation_ref,
             o.column_name AS column, pg_catalog.pg_get_userbyid(o.owner) AS owner,
             ${aclItems('COALESCE(o.acl, pg_catalog.acldefault(o.type, o.owner))', 'o.owner')} AS actual,
             ${aclItems('pg_catalog.acldefault(o.type, o.owner)', 'o.owner')} AS defaults,
             ${allPrivileges('o.type', 'o.owner')} AS all_privileges
      FROM (${OBJECTS}) o
      WHERE (o.nspname IS NULL OR ${isUserSchema('o.nspname')}) AND (o.objid >= 16384 OR o.classid = 'pg_namespace'::regclass)`);
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
        return { ...fact, id, name: [target], parent: target, deps: [target], info: { ...fact.info, relation } };
      },
    }));
  },
};
