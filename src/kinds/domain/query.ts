import type { Fact } from '../../catalog/fact.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { typeFact, type TypeName, type TypeRow } from '../common/type-fact.js';

/** A domain's state: what the diff compares and the rule writes. Its CHECK constraints are facts of their own. */
export type DomainPayload = {
  /** The base type as format_type writes it, with its modifier. */
  base: string;
  notNull: boolean;
  default: string | null;
  /** Quoted and schema-qualified; null where it is the base type's own. */
  collation: string | null;
};

export type DomainFact = Fact<DomainPayload, TypeName>;

interface Row extends TypeRow {
  base: string;
  not_null: boolean;
  default: string | null;
  collation: string | null;
}

/**
 * Domains: base type, default, NOT NULL and collation. The collation counts only where it is not
 * the base type's own, as for columns. NOT NULL is the domain's flag (PostgreSQL 17 also lists it
 * among the constraints, earlier versions do not); its CHECK constraints are facts of their own.
 */
export const domainQuery: KindQuery = {
  kind: 'domain',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT t.oid, t.typarray AS array_oid, 'pg_type'::regclass::oid AS classid,
             n.nspname AS schema, t.typname AS name,
             pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base,
             t.typnotnull AS not_null,
             pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default,
             CASE WHEN t.typcollation <> bt.typcollation
               THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      WHERE t.typtype = 'd' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
    return rows.map((r) => {
      const payload: DomainPayload = {
        base: portableNames(r.base, serverVersion, 'name'),
        notNull: r.not_null,
        default: portableNames(r.default, serverVersion, 'expression'),
        collation: portableNames(r.collation, serverVersion, 'name'),
      };
      return typeFact('domain', r, payload);
    });
  },
};
