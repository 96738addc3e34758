import { isNotExtensionMember, isUserSchema } from '../scope.js';
import { typeFact } from './type-fact.js';
/** Enum types with their labels in sort order. */
export const enums = {
    kind: 'enum',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT t.oid, t.typarray AS array_oid, 'pg_type'::regclass::oid AS classid,
             n.nspname AS schema, t.typname AS name,
             COALESCE((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '[]') AS values
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
        return rows.map((r) => typeFact('enum', r, { values: r.values }));
    },
};
//# sourceMappingURL=enums.js.map