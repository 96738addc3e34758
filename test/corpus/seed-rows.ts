import { connect } from '../../src/db/connect.js';
import { qualify } from '../../src/sql/quote.js';

/**
 * Rows in every user table, by `schema.table`. A partitioned table is counted through its root,
 * so rows that move to another partition under a new partitioning still count.
 */
export async function rowCounts(url: string): Promise<Map<string, number>> {
  const db = await connect(url);
  try {
    const { rows: tables } = await db.query<{ schema: string; name: string }>(`
      SELECT n.nspname AS schema, c.relname AS name
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      ORDER BY 1, 2`);
    const counts = new Map<string, number>();
    for (const t of tables) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualify(t.schema, t.name)}`);
      counts.set(`${t.schema}.${t.name}`, Number(rows[0]!.n));
    }
    return counts;
  } finally {
    await db.close();
  }
}

/**
 * The seed rows a plan lost: tables that are still there with fewer rows than before. A table
 * the target no longer has is the schema's own choice, not a loss.
 */
export function lostRows(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...before].flatMap(([table, n]) => {
    const now = after.get(table);
    return now !== undefined && now < n ? [`${table}: ${n} → ${now}`] : [];
  });
}
