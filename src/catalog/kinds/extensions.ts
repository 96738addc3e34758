import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';

interface Row { oid: number; classid: number; name: string; schema: string; version: string; relocatable: boolean }

/**
 * Extensions are compared by name and schema. The version is kept as information only until the
 * engine learns ALTER EXTENSION UPDATE: servers in different environments ship different default
 * versions, so comparing it would report a change nobody asked for.
 */
export const extensions: KindQuery = {
  kind: 'extension',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT e.oid, 'pg_extension'::regclass::oid AS classid, e.extname AS name,
             n.nspname AS schema, e.extversion AS version, e.extrelocatable AS relocatable
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname <> 'plpgsql'`);
    return rows.map((r) => ({
      id: factId('extension', r.name),
      kind: 'extension',
      name: [r.name],
      payload: { schema: r.schema },
      info: { version: r.version, relocatable: r.relocatable },
      deps: [factId('schema', r.schema)],
      refs: [objectRef(r.classid, r.oid)],
    }));
  },
};
