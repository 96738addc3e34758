import type { Fact } from '../../catalog/fact.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { tableProperty } from '../../catalog/table-property.js';

export type StorageParametersPayload = {
  /** `name=value` in name order, the TOAST table's under their `toast.` names. */
  options: string[];
};

export type StorageParametersFact = Fact<StorageParametersPayload, [schema: string, table: string]>;

interface Row { schema: string; table: string; options: string[] }

/**
 * A table's storage parameters (WITH (fillfactor = 70), autovacuum settings), its TOAST table's
 * under their `toast.` names, as `name=value` in name order; only tables that set any.
 */
export const storageParametersQuery: KindQuery = {
  kind: 'storage_parameters',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT n.nspname AS schema, c.relname AS table,
             ARRAY(SELECT o FROM (SELECT pg_catalog.unnest(c.reloptions) AS o
                                  UNION ALL SELECT 'toast.' || pg_catalog.unnest(t.reloptions)) opts ORDER BY o) AS options
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid
      WHERE c.relkind IN ('r', 'p') AND (c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL)
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const payload: StorageParametersPayload = { options: r.options };
      return tableProperty('storage_parameters', r.schema, r.table, payload);
    });
  },
};
