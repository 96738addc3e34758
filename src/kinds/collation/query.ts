import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';

/** A collation's definition: what the diff compares and CREATE COLLATION writes. */
export type CollationPayload = {
  /** `libc`, `icu`, `builtin` or `default`. */
  provider: string;
  /** The locale for both collate and ctype; null for a libc collation whose two differ. */
  locale: string | null;
  /** Set only where `locale` cannot say both. */
  lcCollate: string | null;
  lcCtype: string | null;
  deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16 on). */
  rules: string | null;
};

export type CollationFact = Fact<CollationPayload, [schema: string, collation: string]>;

interface Row {
  oid: number;
  classid: number;
  schema: string;
  name: string;
  provider: string;
  deterministic: boolean;
  lc_collate: string | null;
  lc_ctype: string | null;
  locale: string | null;
  rules: string | null;
}

const PROVIDERS: Record<string, string> = { c: 'libc', i: 'icu', b: 'builtin', d: 'default' };

/**
 * Collations read the same on every major: the locale of an ICU or builtin collation has moved
 * between columns (collcollate up to 14, colliculocale in 15 and 16, colllocale from 17), so the
 * row is read as JSON and the first that is set counts; ICU spells a tag with `-` from 16 on where
 * 15 keeps the `_` it was given. The library's version string differs between servers and is
 * left out.
 */
export const collationQuery: KindQuery = {
  kind: 'collation',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT c.oid, 'pg_collation'::regclass::oid AS classid, n.nspname AS schema, c.collname AS name,
             c.collprovider::text AS provider, c.collisdeterministic AS deterministic,
             j ->> 'collcollate' AS lc_collate, j ->> 'collctype' AS lc_ctype,
             COALESCE(j ->> 'colllocale', j ->> 'colliculocale') AS locale, j ->> 'collicurules' AS rules
      FROM pg_catalog.pg_collation c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
      CROSS JOIN LATERAL pg_catalog.to_jsonb(c) j
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_collation', 'c.oid')}`);
    return rows.map((r) => {
      const provider = PROVIDERS[r.provider] ?? r.provider;
      const libc = provider === 'libc';
      const locale = libc ? (r.lc_collate === r.lc_ctype ? r.lc_collate : null) : (r.locale ?? r.lc_collate);
      const payload: CollationPayload = {
        provider,
        locale: provider === 'icu' ? (locale?.replaceAll('_', '-') ?? null) : locale,
        lcCollate: libc && locale === null ? r.lc_collate : null,
        lcCtype: libc && locale === null ? r.lc_ctype : null,
        deterministic: r.deterministic,
        rules: r.rules,
      };
      return {
        id: factId('collation', r.schema, r.name),
        kind: 'collation',
        name: [r.schema, r.name],
        payload,
        info: {},
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
