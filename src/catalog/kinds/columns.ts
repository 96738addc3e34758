import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { portableDeparse } from '../portable-deparse.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';

/** One table's row: the table once, its columns as one JSON array in attnum order. */
interface TableRow {
  classid: number;
  attrdef_classid: number;
  relid: number;
  schema: string;
  table: string;
  columns: ColumnRow[];
}

interface ColumnRow {
  attnum: number;
  attrdef_oid: number | null;
  name: string;
  type: string;
  not_null: boolean;
  default: string | null;
  generated: string | null;
  virtual: boolean;
  identity: string;
  collation: string | null;
  inherited: boolean;
  identity_options: Record<string, string | boolean> | null;
  identity_sequence: number | null;
  identity_start: string | null;
}

/**
 * Columns a table declares itself. Columns a partition or inheritance child only inherits are its
 * parent's facts, not the child's; their position is information, not state, because Postgres
 * cannot reorder columns in place. A generated column is stored, or from PostgreSQL 18 on may be
 * virtual (computed when read).
 */
export const columns: KindQuery = {
  kind: 'column',
  async extract(db) {
    // One row per table, not per column: the schema and table names and the constant class ids
    // cross the wire and are parsed once per table, and the column facts share those strings.
    const { rows } = await db.query<TableRow>(`
      SELECT 'pg_class'::regclass::oid AS classid, 'pg_attrdef'::regclass::oid AS attrdef_classid,
             c.oid AS relid, n.nspname AS schema, c.relname AS table,
             json_agg(json_build_object(
               'attnum', a.attnum, 'attrdef_oid', ad.oid, 'name', a.attname,
               'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
               'not_null', a.attnotnull,
               'default', CASE WHEN a.attgenerated = '' THEN ${portableDeparse('pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)')} END,
               'generated', CASE WHEN a.attgenerated <> '' THEN ${portableDeparse('pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)')} END,
               'virtual', a.attgenerated = 'v',
               'identity', a.attidentity::text,
               'collation', CASE WHEN a.attcollation <> t.typcollation
                 THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END,
               'inherited', a.attinhcount > 0,
               'identity_options', CASE WHEN ids.seqrelid IS NOT NULL THEN json_build_object(
                 'type', pg_catalog.format_type(ids.seqtypid, NULL), 'start', ids.seqstart::text,
                 'increment', ids.seqincrement::text, 'min', ids.seqmin::text, 'max', ids.seqmax::text,
                 'cache', ids.seqcache::text, 'cycle', ids.seqcycle) END,
               'identity_sequence', ids.seqrelid, 'identity_start', ids.seqstart::text)
             ORDER BY a.attnum) AS columns
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
      LEFT JOIN LATERAL (
        SELECT s.* FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
        WHERE a.attidentity <> '' AND d.classid = 'pg_class'::regclass
          AND d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid
          AND d.refobjsubid = a.attnum AND d.deptype = 'i') ids ON true
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0
        AND NOT a.attisdropped AND a.attislocal
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}
      GROUP BY c.oid, n.nspname, c.relname
      ORDER BY c.oid`);
    return rows.flatMap((t) => {
      const table = factId('table', t.schema, t.table);
      return t.columns.map((r) => {
        const refs = [objectRef(t.classid, t.relid, r.attnum)];
        if (r.attrdef_oid !== null) refs.push(objectRef(t.attrdef_classid, r.attrdef_oid));
        return {
          id: factId('column', t.schema, t.table, r.name),
          kind: 'column',
          name: [t.schema, t.table, r.name],
          parent: table,
          payload: {
            type: r.type,
            notNull: r.not_null,
            default: r.default,
            generated: r.generated,
            virtual: r.virtual,
            identity: r.identity === '' ? null : r.identity === 'a' ? 'always' : 'by default',
            identityOptions: r.identity_options,
            collation: r.collation,
          },
          info: { position: r.attnum, inherited: r.inherited, identityCurrent: r.identity_start },
          deps: [table],
          refs,
          ...(r.identity_sequence === null ? {} : { sequenceValue: { oid: r.identity_sequence, key: 'identityCurrent' } }),
        };
      });
    });
  },
};
