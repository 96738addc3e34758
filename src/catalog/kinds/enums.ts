import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';

interface Row { oid: number; array_oid: number; classid: number; schema: string; name: string; values: string[] }

/**
 * Enum types with their labels in sort order. Types of every flavour share the `type:` id space,
 * since a schema holds one type of a name. The array type answers to the enum's address too, so a
 * `mood[]` column depends on `mood`.
 */
export const enums: KindQuery = {
  kind: 'enum',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT t.oid, t.typarray AS array_oid, 'pg_type'::regclass::oid AS classid,
             n.nspname AS schema, t.typname AS name,
             COALESCE((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '[]') AS values
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
    return rows.map((r) => ({
      id: factId('type', r.schema, r.name),
      kind: 'enum',
      name: [r.schema, r.name],
      payload: { values: r.values },
      info: {},
      deps: [factId('schema', r.schema)],
      refs: [objectRef(r.classid, r.oid), objectRef(r.classid, r.array_oid)],
    }));
  },
};
