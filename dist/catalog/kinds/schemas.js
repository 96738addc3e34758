import { factId } from '../fact-id.js';
import { objectRef } from '../kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';
export const schemas = {
    kind: 'schema',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT n.oid, 'pg_namespace'::regclass::oid AS classid, n.nspname AS name
      FROM pg_catalog.pg_namespace n
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_namespace', 'n.oid')}`);
        return rows.map((r) => ({
            id: factId('schema', r.name),
            kind: 'schema',
            name: [r.name],
            payload: {},
            info: {},
            deps: [],
            refs: [objectRef(r.classid, r.oid)],
        }));
    },
};
//# sourceMappingURL=schemas.js.map