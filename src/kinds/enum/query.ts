import type { Fact } from '../../catalog/fact.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { typeFact, type TypeName, type TypeRow } from '../common/type-fact.js';

/** An enum's state: what the diff compares and the rule writes. */
export type EnumPayload = {
  /** Labels in sort order. */
  values: string[];
};

export type EnumFact = Fact<EnumPayload, TypeName>;

interface Row extends TypeRow { values: string[] }

/** Enum types with their labels in sort order. */
export const enumQuery: KindQuery = {
  kind: 'enum',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT t.oid, t.typarray AS array_oid, 'pg_type'::regclass::oid AS classid,
             n.nspname AS schema, t.typname AS name,
             COALESCE((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '[]') AS values
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}`);
    return rows.map((r) => {
      const payload: EnumPayload = { values: r.values };
      return typeFact('enum', r, payload);
    });
  },
};
