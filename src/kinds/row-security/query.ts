import type { Fact } from '../../catalog/fact.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { tableProperty } from '../../catalog/table-property.js';

export type RowSecurityPayload = {
  enabled: boolean;
  /** Whether the table's owner is held to its policies too (FORCE). */
  forced: boolean;
};

export type RowSecurityFact = Fact<RowSecurityPayload, [schema: string, table: string]>;
export const isRowSecurity = (fact: Fact): fact is RowSecurityFact => fact.kind === 'row_security';

interface Row { schema: string; table: string; enabled: boolean; forced: boolean }

/**
 * Whether a table enforces row level security, and on its owner too (FORCE). A fact of its own,
 * present only where either is on, so a table without it reads as it always did.
 */
export const rowSecurityQuery: KindQuery = {
  kind: 'row_security',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const payload: RowSecurityPayload = { enabled: r.enabled, forced: r.forced };
      return tableProperty('row_security', r.schema, r.table, payload);
    });
  },
};
