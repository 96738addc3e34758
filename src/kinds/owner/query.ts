import { attachedFact } from '../../catalog/attached-fact.js';
import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { OWNED_OBJECTS } from '../../catalog/owned-objects.js';

/** Who owns an object. */
export type OwnerPayload = {
  /** The owner's role fact id; null for the current user. */
  role: string | null;
};

/** Named by the fact of the object owned. */
export type OwnerFact = Fact<OwnerPayload, [object: string]>;

interface Row { ref: string; role: string | null }

/**
 * Who owns each object, read only when asked (`--owners`), since roles differ between
 * environments. Like privileges, an owner finds its object by catalog address, so kinds the engine
 * learns later have owners too. The current user (whoever loads the shadow, whoever migrates
 * production) reads as null: an object nobody handed over belongs to whoever made it.
 */
export const ownerQuery: KindQuery = {
  kind: 'owner',
  async extract(db, options) {
    if (!options.owners) return [];
    const { rows } = await db.query<Row>(`
      SELECT o.classid::oid::text || ':' || o.objid::text || ':0' AS ref,
             CASE WHEN o.owner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
               THEN pg_catalog.pg_get_userbyid(o.owner) END AS role
      FROM (${OWNED_OBJECTS}) o
      WHERE o.objsubid = 0
        -- a sequence owned by a column belongs to its table's owner and follows it
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid
          WHERE d.classid = o.classid AND d.objid = o.objid AND s.relkind = 'S'
            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))`);
    return rows.map((r) => {
      const payload: OwnerPayload = { role: r.role === null ? null : factId('role', r.role) };
      return attachedFact('owner', r.ref, payload);
    });
  },
};
