import { aclDifference, aclItems, allPrivileges, type AclEntry, type AclItem } from '../../catalog/acl.js';
import type { Fact } from '../../catalog/fact.js';
import { factWith } from '../../catalog/fact-with.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { OWNED_OBJECTS } from '../../catalog/owned-objects.js';
import { quoteIdent } from '../../sql/quote.js';

/** An object's privileges: what the diff compares and the rule writes. */
export type PrivilegesPayload = {
  /** What the ACL grants beyond or withholds from PostgreSQL's default for that kind of object. */
  grants: AclEntry[];
};

/**
 * The owner's name, which revoking the owner's own rights needs; for a column's privileges, the
 * column and, once every fact is read (resolve), its relation's fact id.
 */
export type PrivilegesInfo = { owner: string; column: string | null; relation: string | null };

/** Named by the fact of the object the privileges are on (a relation's for a view's column). */
export type PrivilegesFact = Fact<PrivilegesPayload, [object: string], PrivilegesInfo>;

/**
 * The query's rows are of two sorts. An object's row has a `ref`; its `actual` ACL is null where
 * the catalog holds none (PostgreSQL's default applies) and `defaults` null but for the public
 * schema. A row without `ref` holds, for one kind of object (`type`) and one `owner`, PostgreSQL's
 * default ACL and every privilege such an object can carry.
 */
interface Row {
  ref: string | null;
  /** For a column: the catalog address of its table and the column's name. */
  relation_ref: string | null;
  column: string | null;
  owner: string;
  type: string;
  actual: AclItem[] | null;
  defaults: AclItem[] | null;
  all_privileges: string[] | null;
}

interface Defaults {
  items: AclItem[];
  all: string[];
}

/**
 * Every database is created with a public schema that PUBLIC may use, and before PostgreSQL 15
 * also create objects in: that is its default, so a fresh database reads the same on every major.
 */
const IS_PUBLIC_SCHEMA = `o.classid = 'pg_namespace'::regclass AND o.nspname = 'public'`;
const PUBLIC_SCHEMA_USAGE = ` || ARRAY[pg_catalog.makeaclitem(0, o.owner, 'USAGE', false)]
  || CASE WHEN pg_catalog.current_setting('server_version_num')::int < 150000
       THEN ARRAY[pg_catalog.makeaclitem(0, o.owner, 'CREATE', false)] ELSE '{}' END`;

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
export const privilegesQuery: KindQuery = {
  kind: 'privileges',
  async extract(db) {
    // The default ACL and the list of all privileges depend only on the kind of object and its
    // owner: exploded once for each pair, not for each object, they cost a fraction of the time.
    const { rows } = await db.query<Row>(`
      WITH o AS (SELECT * FROM (${OWNED_OBJECTS}) o WHERE o.type IS NOT NULL)
      SELECT o.classid::oid::text || ':' || o.objid::text || ':' || o.objsubid::text AS ref,
             CASE WHEN o.column_name IS NOT NULL THEN o.classid::oid::text || ':' || o.objid::text || ':0' END AS relation_ref,
             o.column_name AS column, pg_catalog.pg_get_userbyid(o.owner) AS owner, o.type::text AS type,
             CASE WHEN o.acl IS NOT NULL THEN ${aclItems('o.acl', 'o.owner')} END AS actual,
             CASE WHEN ${IS_PUBLIC_SCHEMA} THEN ${aclItems(`pg_catalog.acldefault(o.type, o.owner)${PUBLIC_SCHEMA_USAGE}`, 'o.owner')} END AS defaults,
             NULL AS all_privileges
      FROM o
      UNION ALL
      SELECT NULL, NULL, NULL, pg_catalog.pg_get_userbyid(p.owner), p.type::text,
             NULL, ${aclItems('pg_catalog.acldefault(p.type, p.owner)', 'p.owner')}, ${allPrivileges('p.type', 'p.owner')}
      FROM (SELECT DISTINCT o.type, o.owner FROM o) p`);
    const byOwner = new Map<string, Defaults>();
    for (const r of rows) if (r.ref === null) byOwner.set(`${r.type}\t${r.owner}`, { items: r.defaults!, all: r.all_privileges! });
    return rows.filter((r) => r.ref !== null).map((r) => {
      const standard = byOwner.get(`${r.type}\t${r.owner}`)!;
      const ref = r.ref!;
      const payload: PrivilegesPayload = { grants: aclDifference(r.actual ?? standard.items, r.defaults ?? standard.items, standard.all) };
      // The relation a column's grant is on is known once every fact is (resolve).
      const info: PrivilegesInfo = { owner: r.owner, column: r.column, relation: null };
      return {
        id: `privileges@${ref}`,
        kind: 'privileges',
        name: [],
        payload,
        info,
        deps: [],
        refs: [],
        resolve: (fact, idOf) => {
          const target = idOf(ref) ?? (r.relation_ref === null ? undefined : idOf(r.relation_ref));
          if (!target) return undefined;
          const relation = r.relation_ref === null ? null : idOf(r.relation_ref) ?? null;
          const id = target === relation ? `privileges:${target}.${quoteIdent(r.column!)}` : `privileges:${target}`;
          const deps = relation === null ? [target] : [target, `privileges:${relation}`];
          return factWith(fact, { id, name: [target], parent: target, deps, info: { ...info, relation } });
        },
      };
    });
  },
};
