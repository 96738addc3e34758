import { factId } from '../fact-id.js';
import type { KindQuery } from '../kind-query.js';
import { isUserSchema } from '../scope.js';

interface Row { ref: string; role: string | null }

/** Every catalog whose objects have an owner: address, owner and schema (null for global objects). */
const OBJECTS = `
  SELECT 'pg_class'::regclass AS classid, c.oid AS objid, c.relowner AS owner, n.nspname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    -- a sequence owned by a column belongs to the table's owner and follows it
    AND (c.relkind <> 'S' OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass
      AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
  UNION ALL SELECT 'pg_namespace'::regclass, n.oid, n.nspowner, n.nspname FROM pg_catalog.pg_namespace n
  UNION ALL SELECT 'pg_proc'::regclass, p.oid, p.proowner, n.nspname
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  UNION ALL SELECT 'pg_type'::regclass, t.oid, t.typowner, n.nspname
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  UNION ALL SELECT 'pg_collation'::regclass, c.oid, c.collowner, n.nspname
  FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
  UNION ALL SELECT 'pg_statistic_ext'::regclass, s.oid, s.stxowner, n.nspname
  FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
  UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, w.oid, w.fdwowner, NULL FROM pg_catalog.pg_foreign_data_wrapper w
  UNION ALL SELECT 'pg_foreign_server'::regclass, s.oid, s.srvowner, NULL FROM pg_catalog.pg_foreign_server s
  UNION ALL SELECT 'pg_event_trigger'::regclass, e.oid, e.evtowner, NULL FROM pg_catalog.pg_event_trigger e
  UNION ALL SELECT 'pg_publication'::regclass, p.oid, p.pubowner, NULL FROM pg_catalog.pg_publication p`;

/**
 * Who owns each object, read only when asked (`--owners`), since roles differ between
 * environments. Like privileges, an owner finds its object by catalog address, so kinds the engine
 * learns later have owners too. The current user (whoever loads the shadow, whoever migrates
 * production) reads as null: an object nobody handed over belongs to whoever made it.
 */
export const owners: KindQuery = {
  kind: 'owner',
  async extract(db, options) {
    if (!options.owners) return [];
    const { rows } = await db.query<Row>(`
      SELECT o.classid::oid::text || ':' || o.objid::text || ':0' AS ref,
             CASE WHEN o.owner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
               THEN pg_catalog.pg_get_userbyid(o.owner) END AS role
      FROM (${OBJECTS}) o
      WHERE (o.nspname IS NULL OR ${isUserSchema('o.nspname')}) AND (o.objid >= 16384 OR o.classid = 'pg_namespace'::regclass)`);
    return rows.map((r) => ({
      id: `owner@${r.ref}`,
      kind: 'owner',
      name: [],
      payload: { role: r.role === null ? null : factId('role', r.role) },
      info: {},
      deps: [],
      refs: [],
      resolve: (fact, idOf) => {
        const target = idOf(r.ref);
        if (!target) return undefined;
        return { ...fact, id: `owner:${target}`, name: [target], parent: target, deps: [target] };
      },
    }));
  },
};
