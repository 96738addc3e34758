import { connect } from '../db/connect.js';

/** How much a table of production holds, as its catalog and its files say. */
export interface TableSize {
  /**
   * The planner's estimate (pg_class.reltuples, over the leaves of a partitioned table); undefined
   * if never analyzed, or if one leaf never was: a sum without it could call a large table small.
   */
  rows?: number;
  /** pg_total_relation_size: the table with its indexes and TOAST, over its partitions. */
  bytes: number;
  partitioned: boolean;
}

/**
 * Short: the sizes only say how much a plan's locks will cost, and a plan is worth more than its
 * figures. pg_total_relation_size takes ACCESS SHARE on each table, which waits behind whatever
 * holds ACCESS EXCLUSIVE on one (another migration): that wait must not hold the plan up.
 */
const SIZE_TIMEOUT = '2s';

/**
 * The sizes of `tables` (names quoted as SQL writes them) on production, in one read-only query
 * within a statement_timeout. A table production does not have is left out; a read that fails or
 * runs out of time is the caller's to report, never a reason to make no plan.
 */
export async function tableSizes(databaseUrl: string, tables: string[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>();
  if (tables.length === 0) return sizes;
  const db = await connect(databaseUrl);
  try {
    await db.exec(`BEGIN READ ONLY; SET LOCAL statement_timeout = '${SIZE_TIMEOUT}'; SET LOCAL lock_timeout = '${SIZE_TIMEOUT}'`);
    const { rows } = await db.query<{ name: string; rows: number | null; bytes: string; partitioned: boolean }>(
      `SELECT t.name, c.relkind = 'p' AS partitioned,
              CASE WHEN c.relkind <> 'p' THEN NULLIF(c.reltuples, -1)::float8
                   ELSE (SELECT CASE WHEN pg_catalog.bool_and(l.reltuples >= 0) THEN pg_catalog.sum(l.reltuples)::float8 END
                         FROM pg_catalog.pg_partition_tree(c.oid) p
                         JOIN pg_catalog.pg_class l ON l.oid = p.relid WHERE p.isleaf) END AS rows,
              CASE WHEN c.relkind <> 'p' THEN pg_catalog.pg_total_relation_size(c.oid)
                   ELSE (SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(p.relid)) FROM pg_catalog.pg_partition_tree(c.oid) p) END AS bytes
       FROM pg_catalog.unnest($1::text[]) AS t(name)
       JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name)`,
      [tables],
    );
    for (const r of rows) sizes.set(r.name, { rows: r.rows ?? undefined, bytes: Number(r.bytes), partitioned: r.partitioned });
  } finally {
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
  return sizes;
}
