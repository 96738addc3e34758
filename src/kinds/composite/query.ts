import type { Fact } from '../../catalog/fact.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { typeFact, type TypeName, type TypeRow } from '../common/type-fact.js';

export type CompositeAttribute = {
  name: string;
  /** As format_type writes it, with its modifier. */
  type: string;
  /** Quoted and schema-qualified; null where it is the type's own. */
  collation: string | null;
};

/** A composite type's state: what the diff compares and the rule writes. */
export type CompositePayload = {
  /** In order. */
  attributes: CompositeAttribute[];
};

export type CompositeFact = Fact<CompositePayload, TypeName>;

interface Row extends TypeRow {
  relid: number;
  class_classid: number;
  attributes: CompositeAttribute[];
}

/**
 * Composite types (CREATE TYPE … AS (…)) with their attributes in order; an attribute's collation
 * counts only where it is not its type's own. The type answers for its relation too, so what its
 * attributes depend on is said of the type.
 */
export const compositeQuery: KindQuery = {
  kind: 'composite',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT t.oid, t.typarray AS array_oid, c.oid AS relid,
             'pg_type'::regclass::oid AS classid, 'pg_class'::regclass::oid AS class_classid,
             n.nspname AS schema, t.typname AS name,
             COALESCE((
               SELECT json_agg(json_build_object(
                        'name', a.attname,
                        'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                        'collation', CASE WHEN a.attcollation <> at.typcollation
                          THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END)
                      ORDER BY a.attnum)
               FROM pg_catalog.pg_attribute a
               JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
               LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
               LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS attributes
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'c' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
    return rows.map((r) => {
      const attributes = r.attributes.map((a) => ({
        ...a,
        type: portableNames(a.type, serverVersion, 'name'),
        collation: portableNames(a.collation, serverVersion, 'name'),
      }));
      const payload: CompositePayload = { attributes };
      return typeFact('composite', r, payload, [objectRef(r.class_classid, r.relid)]);
    });
  },
};
