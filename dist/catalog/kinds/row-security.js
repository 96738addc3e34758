import { tableProperty } from '../table-property.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';
/**
 * Whether a table enforces row level security, and on its owner too (FORCE). A fact of its own,
 * present only where either is on, so a table without it reads as it always did.
 */
export const rowSecurity = {
    kind: 'row-security',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
        return rows.map((r) => tableProperty('row-security', r.schema, r.table, { enabled: r.enabled, forced: r.forced }));
    },
};
//# sourceMappingURL=row-security.js.map