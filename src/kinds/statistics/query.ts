import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { portableKeyExpressions } from '../../catalog/key-expression-parens.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';

export type StatisticsPayload = {
  /** The CREATE STATISTICS statement, as pg_get_statisticsobjdef writes it. */
  definition: string;
  /** The statistics target; null for the default. */
  target: number | null;
};

export type StatisticsFact = Fact<StatisticsPayload, [schema: string, statistics: string]>;

interface Row {
  classid: number;
  oid: number;
  schema: string;
  name: string;
  table_schema: string;
  table: string;
  definition: string;
  target: number | null;
}

/**
 * Extended statistics objects (CREATE STATISTICS): their kinds, columns and expressions as
 * pg_get_statisticsobjdef writes them, and a statistics target other than the default. Since
 * PostgreSQL 17 the default target reads NULL instead of -1; both mean "none set".
 */
export const statisticsQuery: KindQuery = {
  kind: 'statistics',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
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
      const payload: StatisticsPayload = { definition: portableNames(portableKeyExpressions(r.definition), serverVersion, 'statement'), target: r.target };
      return {
        id: factId('statistics', r.schema, r.name),
        kind: 'statistics',
        name: [r.schema, r.name],
        parent: table,
        payload,
        info: {},
        deps: [table, factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
