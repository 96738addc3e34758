import type { Fact } from '../../catalog/fact.js';
import type { SequenceOptions } from '../sequence/query.js';
import { factId } from '../../catalog/fact-id.js';
import { factsOfRows, objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { portableDeparse } from '../../catalog/portable-deparse.js';
import { portableNames } from '../../catalog/portable-names.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';

/** A column a table declares itself: what the diff compares and the rule writes. */
export type ColumnPayload = {
  /** As format_type writes it, with its modifier (`character varying(20)`). */
  type: string;
  notNull: boolean;
  default: string | null;
  /** A generated column's expression. */
  generated: string | null;
  /** Whether a generated column is computed when read rather than stored. */
  virtual: boolean;
  identity: 'always' | 'by default' | null;
  identityOptions: SequenceOptions | null;
  /** The column's collation where it is not its type's, qualified and quoted. */
  collation: string | null;
};

/**
 * Where the column stands among its table's (attnum), which Postgres cannot change in place; whether
 * a parent declares it too; an identity column's last value (its start until read, sequenceValue),
 * which new bounds must still hold; whether its default is volatile, so adding it writes every row.
 */
export type ColumnInfo = { position: number; inherited: boolean; identityCurrent: string | null; volatileDefault: boolean };

export type ColumnFact = Fact<ColumnPayload, [schema: string, table: string, column: string], ColumnInfo>;

export const isColumn = (fact: Fact): fact is ColumnFact => fact.kind === 'column';

/**
 * One table's row: the table once, its columns as parallel arrays in attnum order (one array per
 * field, the same index in each is one column).
 */
interface TableRow {
  classid: number;
  attrdef_classid: number;
  relid: number;
  schema: string;
  table: string;
  columns: ColumnArrays;
}

interface ColumnArrays {
  attnum: number[];
  attrdef_oid: (number | null)[];
  name: string[];
  type: string[];
  not_null: boolean[];
  /** The default, or for a generated column its generation expression. */
  expression: (string | null)[];
  /** attgenerated: '' for none, 's' stored, 'v' virtual. */
  generated: string[];
  identity: string[];
  collation: (string | null)[];
  inherited: boolean[];
  identity_options: (SequenceOptions | null)[];
  identity_sequence: (number | null)[];
  identity_start: (string | null)[];
  /** Whether the default calls a volatile function (pg_proc provolatile 'v'): ADD COLUMN then writes every row. */
  volatile_default: boolean[];
}

const COLUMN_FIELDS: (keyof ColumnArrays)[] = [
  'attnum', 'attrdef_oid', 'name', 'type', 'not_null', 'expression', 'generated', 'identity', 'collation', 'inherited',
  'identity_options', 'identity_sequence', 'identity_start', 'volatile_default',
];

/**
 * Columns a table declares itself. Columns a partition or inheritance child only inherits are its
 * parent's facts, not the child's; their position is information, not state, because Postgres
 * cannot reorder columns in place. A generated column is stored, or from PostgreSQL 18 on may be
 * virtual (computed when read).
 */
export const columnQuery: KindQuery = {
  kind: 'column',
  ordered: true,
  async extract(db, { serverVersion }) {
    // One row per table, not per column: the schema and table names and the constant class ids
    // cross the wire and are parsed once per table, and the column facts share those strings.
    // The columns come as one array per field, not one JSON object per column: json_build_object
    // looks up every value's type afresh (most of this query's time at 5,000 tables), array_to_json
    // once per array. The arrays follow the sorted subquery's order; grouping by relid alone keeps
    // the planner from sorting the rows again, which could shuffle a table's columns. The names ride
    // along as aggregates rather than a join after grouping: the groups then leave in relid order
    // as each is made, where a join and a sort of the grouped rows held back the first row until
    // every column was deparsed (half a second at 5,000 tables, with the client waiting idle).
    // A default cannot refer to a column, so it is deparsed without its table (pg_get_expr with a
    // table opens it; a generated column's expression needs that).
    return factsOfRows<TableRow>(db, `
      SELECT 'pg_class'::regclass::oid AS classid, 'pg_attrdef'::regclass::oid AS attrdef_classid,
             s.relid, min(s.schema::text) AS schema, min(s.table::text) AS table,
             json_build_object(${COLUMN_FIELDS.map((f) => `'${f}', array_agg(s.${f})`).join(', ')}) AS columns
      FROM (
        SELECT a.attrelid AS relid, n.nspname AS schema, c.relname AS table, a.attnum, ad.oid AS attrdef_oid, a.attname AS name,
               pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
               ${portableDeparse(`pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END)`)} AS expression,
               a.attgenerated::text AS generated, a.attidentity::text AS identity,
               CASE WHEN a.attcollation <> t.typcollation
                 THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
               a.attinhcount > 0 AS inherited,
               CASE WHEN ids.seqrelid IS NOT NULL THEN json_build_object(
                 'type', pg_catalog.format_type(ids.seqtypid, NULL), 'start', ids.seqstart::text,
                 'increment', ids.seqincrement::text, 'min', ids.seqmin::text, 'max', ids.seqmax::text,
                 'cache', ids.seqcache::text, 'cycle', ids.seqcycle) END AS identity_options,
               ids.seqrelid AS identity_sequence, ids.seqstart::text AS identity_start,
               -- The functions a default calls are in its stored tree; built-in ones are in no pg_depend.
               a.attgenerated = '' AND ad.oid IS NOT NULL AND EXISTS (
                 SELECT 1 FROM pg_catalog.regexp_matches(ad.adbin::text, ':(?:func|opfunc)id (\\d+)', 'g') f
                 JOIN pg_catalog.pg_proc p ON p.oid = f[1]::oid WHERE p.provolatile = 'v') AS volatile_default
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
        ORDER BY a.attrelid, a.attnum) s
      GROUP BY s.relid
      ORDER BY s.relid`, (t) => {
      const table = factId('table', t.schema, t.table);
      const c = t.columns;
      return c.attnum.map((attnum, i) => {
        const refs = [objectRef(t.classid, t.relid, attnum)];
        const attrdef = c.attrdef_oid[i]!;
        if (attrdef !== null) refs.push(objectRef(t.attrdef_classid, attrdef));
        const generated = c.generated[i]!;
        const identity = c.identity[i]!;
        const sequence = c.identity_sequence[i]!;
        const payload: ColumnPayload = {
          type: portableNames(c.type[i]!, serverVersion, 'name'),
          notNull: c.not_null[i]!,
          default: generated === '' ? portableNames(c.expression[i]!, serverVersion, 'expression') : null,
          generated: generated === '' ? null : portableNames(c.expression[i]!, serverVersion, 'expression'),
          virtual: generated === 'v',
          identity: identity === '' ? null : identity === 'a' ? 'always' : 'by default',
          identityOptions: c.identity_options[i]!,
          collation: portableNames(c.collation[i]!, serverVersion, 'name'),
        };
        return {
          id: factId('column', t.schema, t.table, c.name[i]!),
          kind: 'column',
          name: [t.schema, t.table, c.name[i]!],
          parent: table,
          payload,
          info: { position: attnum, inherited: c.inherited[i]!, identityCurrent: c.identity_start[i]!, volatileDefault: c.volatile_default[i]! } satisfies ColumnInfo,
          deps: [table],
          refs,
          // Always present, if undefined: a spread of an optional field copied every column's fact.
          sequenceValue: sequence === null ? undefined : { oid: sequence, key: 'identityCurrent' },
        };
      });
    });
  },
};
