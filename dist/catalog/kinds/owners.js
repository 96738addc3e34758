import { attachedFact } from '../attached-fact.js';
import { factId } from '../fact-id.js';
import { OWNED_OBJECTS } from '../owned-objects.js';
/**
 * Who owns each object, read only when asked (`--owners`), since roles differ between
 * environments. Like privileges, an owner finds its object by catalog address, so kinds the engine
 * learns later have owners too. The current user (whoever loads the shadow, whoever migrates
 * production) reads as null: an object nobody handed over belongs to whoever made it.
 */
export const owners = {
    kind: 'owner',
    async extract(db, options) {
        if (!options.owners)
            return [];
        const { rows } = await db.query(`
      SELECT o.classid::oid::text || ':' || o.objid::text || ':0' AS ref,
             CASE WHEN o.owner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
               THEN pg_catalog.pg_get_userbyid(o.owner) END AS role
      FROM (${OWNED_OBJECTS}) o
      WHERE o.objsubid = 0
        -- a sequence owned by a column belongs to its table's owner and follows it
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid
          WHERE d.classid = o.classid AND d.objid = o.objid AND s.relkind = 'S'
            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))`);
        return rows.map((r) => attachedFact('owner', r.ref, { role: r.role === null ? null : factId('role', r.role) }));
    },
};
//# sourceMappingURL=owners.js.map