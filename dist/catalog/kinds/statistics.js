import { factId } from '../fact-id.js';
import { objectRef } from '../kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';
/**
 * Extended statistics objects (CREATE STATISTICS): their kinds, columns and expressions as
 * pg_get_statisticsobjdef writes them, and a statistics target other than the default. Since
 * PostgreSQL 17 the default target reads NULL instead of -1; both mean "none set".
 */
export const statistics = {
    kind: 'statistics',
    async extract(db) {
        const { rows } = await db.query(`
      SELECT 'pg_statistic_ext'::regclass::oid AS classid, s.oid, n.nspname AS schema, s.stxname AS name,
             tn.nspname AS table_schema, c.relname AS table,
             pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition,
             NULLIF(s.stxstattarget, -1)::int AS target
      FROM pg_catalog.pg_statistic_ext s
      JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
      JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
      JOIN pg_catalog.pg_namespace tn ON tn.oid = c.relnamespace
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_statistic_ext', 's.oid')}`);
        return rows.map((r) => {
            const table = factId('table', r.table_schema, r.table);
            return {
                id: factId('statistics', r.schema, r.name),
                kind: 'statistics',
                name: [r.schema, r.name],
                parent: table,
                payload: { definition: r.definition, target: r.target },
                info: {},
                deps: [table, factId('schema', r.schema)],
                refs: [objectRef(r.classid, r.oid)],
            };
        });
    },
};
//# sourceMappingURL=statistics.js.map