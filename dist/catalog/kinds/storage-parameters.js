import { tableProperty } from '../table-property.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';
/**
 * A table's storage parameters (WITH (fillfactor = 70), autovacuum settings), its TOAST table's
 * under their `toast.` names, as `name=value` in name order; only tables that set any.
 */
export const storageParameters = {
    kind: 'storage_parameters',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT n.nspname AS schema, c.relname AS table,
             ARRAY(SELECT o FROM (SELECT pg_catalog.unnest(c.reloptions) AS o
                                  UNION ALL SELECT 'toast.' || pg_catalog.unnest(t.reloptions)) opts ORDER BY o) AS options
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid
      WHERE c.relkind IN ('r', 'p') AND (c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL)
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
        return rows.map((r) => tableProperty('storage_parameters', r.schema, r.table, { options: r.options }));
    },
};
//# sourceMappingURL=storage-parameters.js.map