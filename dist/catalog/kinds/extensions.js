import { factId } from '../fact-id.js';
import { objectRef } from '../kind-query.js';
/**
 * Extensions by name, schema and version. The version counts only where it is not the server's
 * default: servers in different environments ship different defaults, so a plain
 * `CREATE EXTENSION` means "the server's default" (null) on every server, while a pinned
 * `VERSION '1.4'` is compared as written.
 */
export const extensions = {
    kind: 'extension',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT e.oid, 'pg_extension'::regclass::oid AS classid, e.extname AS name,
             n.nspname AS schema, e.extrelocatable AS relocatable,
             CASE WHEN e.extversion IS DISTINCT FROM a.default_version THEN e.extversion END AS version
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      LEFT JOIN pg_catalog.pg_available_extensions a ON a.name = e.extname
      WHERE e.extname <> 'plpgsql'`);
        return rows.map((r) => ({
            id: factId('extension', r.name),
            kind: 'extension',
            name: [r.name],
            payload: { schema: r.schema, version: r.version },
            info: { relocatable: r.relocatable },
            deps: [factId('schema', r.schema)],
            refs: [objectRef(r.classid, r.oid)],
        }));
    },
};
//# sourceMappingURL=extensions.js.map