import type { Fact } from '../../catalog/fact.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { typeFact, type TypeName, type TypeRow } from '../common/type-fact.js';

/**
 * A range type's state: what the diff compares and the rule writes. Each option left at its
 * default is null.
 */
export type RangePayload = {
  /** As format_type writes it. */
  subtype: string;
  /** Quoted and schema-qualified; null for the subtype's default operator class. */
  opclass: string | null;
  /** Quoted and schema-qualified; null for the subtype's own. */
  collation: string | null;
  /** The function's name as regproc writes it. */
  canonical: string | null;
  /** The function's name as regproc writes it. */
  subtypeDiff: string | null;
  /** Null for the name PostgreSQL derives, and on servers without multiranges. */
  multirange: [schema: string, name: string] | null;
};

export type RangeFact = Fact<RangePayload, TypeName>;

interface Row extends TypeRow {
  multi_oid: number | null;
  multi_array_oid: number | null;
  subtype: string;
  opclass: string | null;
  collation: string | null;
  canonical: string | null;
  subtype_diff: string | null;
  multi_schema: string | null;
  multi_name: string | null;
}

/** The name PostgreSQL gives a range's multirange type when CREATE TYPE does not name one. */
function defaultMultirangeName(range: string): string {
  const name = range.includes('range') ? range.replace('range', 'multirange') : `${range.slice(0, 51)}_multirange`;
  let clipped = name;
  while (Buffer.byteLength(clipped) > 63) clipped = clipped.slice(0, -1);
  return clipped;
}

/**
 * Range types. Options left at their defaults (the subtype's default operator class and
 * collation, the derived multirange name) read as null, so a server without multiranges
 * (PostgreSQL 13) reads a range as newer ones do. The range answers for its multirange too, so a
 * column of the multirange depends on the range.
 */
export const rangeQuery: KindQuery = {
  kind: 'range',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT t.oid, t.typarray AS array_oid, mt.oid AS multi_oid, mt.typarray AS multi_array_oid,
             'pg_type'::regclass::oid AS classid, n.nspname AS schema, t.typname AS name,
             pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
             CASE WHEN NOT opc.opcdefault
               THEN pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END AS opclass,
             CASE WHEN r.rngcollation <> st.typcollation
               THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
             NULLIF(r.rngcanonical::text, '-') AS canonical, NULLIF(r.rngsubdiff::text, '-') AS subtype_diff,
             mn.nspname AS multi_schema, mt.typname AS multi_name
      FROM pg_catalog.pg_range r
      JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
      JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
      JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      LEFT JOIN pg_catalog.pg_type mt ON mt.oid = (pg_catalog.to_jsonb(r) ->> 'rngmultitypid')::oid
      LEFT JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
    return rows.map((r) => {
      const refs = r.multi_oid === null ? [] : [objectRef(r.classid, r.multi_oid), objectRef(r.classid, r.multi_array_oid!)];
      const multirange: RangePayload['multirange'] = r.multi_name === null ? null : [r.multi_schema!, r.multi_name];
      const defaultMultirange = multirange?.[0] === r.schema && multirange[1] === defaultMultirangeName(r.name);
      const payload: RangePayload = {
        subtype: portableNames(r.subtype, serverVersion, 'name'),
        opclass: portableNames(r.opclass, serverVersion, 'name'),
        collation: portableNames(r.collation, serverVersion, 'name'),
        canonical: portableNames(r.canonical, serverVersion, 'name'),
        subtypeDiff: portableNames(r.subtype_diff, serverVersion, 'name'),
        multirange: defaultMultirange ? null : multirange,
      };
      return typeFact('range', r, payload, refs);
    });
  },
};
