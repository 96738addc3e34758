import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { optionsObject, type Options } from '../common/foreign-options.js';

export type ForeignColumn = {
  name: string;
  /** As format_type writes it, with its modifier. */
  type: string;
  notNull: boolean;
  default: string | null;
  options: Options;
};

/** A CHECK constraint of a foreign table: what the wrapper promises the remote rows meet, never checked here. */
export type ForeignCheck = {
  name: string;
  /** `CHECK (…)` as pg_get_constraintdef writes it. */
  definition: string;
};

/** A foreign table's state, its columns and checks included: what the diff compares and the rule writes. */
export type ForeignTablePayload = {
  /** The foreign server's name. */
  server: string;
  options: Options;
  /** In order. */
  columns: ForeignColumn[];
  /** By name. */
  checks: ForeignCheck[];
};

export type ForeignTableFact = Fact<ForeignTablePayload, [schema: string, table: string]>;

interface Row {
  classid: number;
  oid: number;
  type_classid: number;
  rowtype: number;
  array_rowtype: number;
  schema: string;
  name: string;
  server: string;
  options: Options;
  columns: (ForeignColumn & { attnum: number })[];
  checks: ForeignCheck[];
}

/**
 * Foreign tables with their columns and CHECK constraints in one fact: they hold no rows here, so
 * any change to a column or check can make the table again without losing anything, and neither
 * needs facts of its own. Each column's address answers for the table, so what a column's type
 * needs is its need. A foreign table that is a partition is not modelled yet (it stays listed).
 */
export const foreignTableQuery: KindQuery = {
  kind: 'foreign_table',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_class'::regclass::oid AS classid, c.oid, 'pg_type'::regclass::oid AS type_classid,
             c.reltype AS rowtype, rt.typarray AS array_rowtype, n.nspname AS schema, c.relname AS name,
             s.srvname AS server, ${optionsObject('ft.ftoptions')} AS options,
             COALESCE((
               SELECT json_agg(json_build_object(
                        'attnum', a.attnum, 'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                        'notNull', a.attnotnull, 'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
                        'options', ${optionsObject('a.attfdwoptions')}) ORDER BY a.attnum)
               FROM pg_catalog.pg_attribute a
               LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns,
             COALESCE((
               SELECT json_agg(json_build_object('name', co.conname, 'definition', pg_catalog.pg_get_constraintdef(co.oid)) ORDER BY co.conname)
               FROM pg_catalog.pg_constraint co WHERE co.conrelid = c.oid AND co.contype = 'c'), '[]') AS checks
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_type rt ON rt.oid = c.reltype
      JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid
      JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
      WHERE c.relkind = 'f' AND NOT c.relispartition AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const payload: ForeignTablePayload = {
        server: r.server,
        options: r.options,
        columns: r.columns.map(({ attnum: _, ...column }) => ({
          ...column,
          type: portableNames(column.type, serverVersion, 'name'),
          default: portableNames(column.default, serverVersion, 'expression'),
        })),
        checks: r.checks.map((check) => ({ ...check, definition: portableNames(check.definition, serverVersion, 'constraint') })),
      };
      return {
        id: factId('foreign_table', r.schema, r.name),
        kind: 'foreign_table',
        name: [r.schema, r.name],
        payload,
        info: {},
        deps: [factId('schema', r.schema), factId('foreign_server', r.server)],
        refs: [
          objectRef(r.classid, r.oid), objectRef(r.type_classid, r.rowtype), objectRef(r.type_classid, r.array_rowtype),
          ...r.columns.map((column) => objectRef(r.classid, r.oid, column.attnum)),
        ],
      };
    });
  },
};
