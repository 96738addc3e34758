import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';

/** A column's settings where they differ from the defaults; null where they do not. */
export type ColumnStoragePayload = {
  /** `plain`, `external`, `main` or `extended`; null for the type's own. */
  storage: string | null;
  /** null for the server's default_toast_compression. */
  compression: 'lz4' | 'pglz' | null;
  /** The statistics target; null for the default. */
  statistics: number | null;
};

/** The type's own storage, which SET STORAGE names to go back to it. */
export type ColumnStorageInfo = { typeStorage: string };

export type ColumnStorageFact = Fact<ColumnStoragePayload, [schema: string, table: string, column: string], ColumnStorageInfo>;

interface Row {
  schema: string;
  table: string;
  column: string;
  storage: string | null;
  type_storage: string;
  compression: string | null;
  statistics: number | null;
}

const STORAGE: Record<string, string> = { p: 'plain', e: 'external', m: 'main', x: 'extended' };

/**
 * A column's STORAGE, COMPRESSION and statistics target where they differ from the defaults
 * (the type's storage, the server's compression, the default target), on the columns the column
 * kind models. Compression is a column setting since PostgreSQL 14; the default statistics
 * target reads -1 before 17 and NULL since.
 */
export const columnStorageQuery: KindQuery = {
  kind: 'column_storage',
  async extract(db, { serverVersion }) {
    const compression = serverVersion >= 140000 ? `NULLIF(a.attcompression::text, '')` : 'NULL';
    const { rows } = await db.query<Row>(`
      SELECT * FROM (
        SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
               CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
               t.typstorage::text AS type_storage, ${compression} AS compression,
               NULLIF(a.attstattarget, -1)::int AS statistics
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0
          AND NOT a.attisdropped AND a.attislocal
          AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}) s
      WHERE storage IS NOT NULL OR compression IS NOT NULL OR statistics IS NOT NULL`);
    return rows.map((r) => {
      const column = factId('column', r.schema, r.table, r.column);
      const payload: ColumnStoragePayload = {
        storage: r.storage === null ? null : STORAGE[r.storage]!,
        compression: r.compression === null ? null : r.compression === 'l' ? 'lz4' : 'pglz',
        statistics: r.statistics,
      };
      return {
        id: factId('column_storage', r.schema, r.table, r.column),
        kind: 'column_storage',
        name: [r.schema, r.table, r.column],
        parent: column,
        payload,
        info: { typeStorage: STORAGE[r.type_storage]! } satisfies ColumnStorageInfo,
        deps: [column],
        refs: [],
      };
    });
  },
};
