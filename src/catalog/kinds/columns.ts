import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { portableDeparse } from '../portable-deparse.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';

interface Row {
  classid: number;
  attrdef_classid: number;
  relid: number;
  attnum: number;
  attrdef_oid: number | null;
  schema: string;
  table: string;
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
    const { rows } = await db.query<Row>(`
      SELECT 'pg_class'::regclass::oid AS classid, 'pg_attrdef'::regclass::oid AS attrdef_classid,
             c.oid AS relid, a.attnum, ad.oid AS attrdef_oid,
             n.nspname AS schema, c.relname AS table, a.attname AS name,
             pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS not_null,
             CASE WHEN a.attgenerated = '' THEN ${portableDeparse('pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)')} END AS default,
             CASE WHEN a.attgenerated <> '' THEN ${portableDeparse('pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)')} END AS generated,
             a.attgenerated = 'v' AS virtual,
             a.attidentity::text AS identity,
             CASE WHEN a.attcollation <> t.typcollation
               THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
             a.attinhcount > 0 AS inherited,
             CASE WHEN ids.seqrelid IS NOT NULL THEN json_build_object(
               'type', pg_catalog.format_type(ids.seqtypid, NULL), 'start', ids.seqstart::text,
               'increment', ids.seqincrement::text, 'min', ids.seqmin::text, 'max', ids.seqmax::text,
               'cache', ids.seqcache::text, 'cycle', ids.seqcycle) END AS identity_options,
             ids.seqrelid AS identity_sequence, ids.seqstart::text AS identity_start
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
      ORDER BY c.oid, a.attnum`);
    return rows.map((r) => {
      const table = factId('table', r.schema, r.table);
      const refs = [objectRef(r.classid, r.relid, r.attnum)];
      if (r.attrdef_oid !== null) refs.push(objectRef(r.attrdef_classid, r.attrdef_oid));
      return {
        id: factId('column', r.schema, r.table, r.name),
        kind: 'column',
        name: [r.schema, r.table, r.name],
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
  },
};
