import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';

interface Row { oid: number; classid: number; name: string }

export const schemas: KindQuery = {
  kind: 'schema',
  async extract(db) {
    const { rows } = await db.query<Row>(`
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
