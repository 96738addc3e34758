import type { Connection } from '../db/connect.js';
import { qualify } from '../sql/quote.js';
import { concurrentIndexBuild } from './index-build.js';

/**
 * A CREATE INDEX CONCURRENTLY that was interrupted leaves its index behind, INVALID: unused by
 * queries, yet maintained on every write, and in the way of building it again. Before such a
 * statement is resumed, the index it left is dropped (concurrently, so writes go on).
 */
export async function dropLeftoverIndex(db: Connection, sql: string, log: (message: string) => void): Promise<void> {
  const build = await concurrentIndexBuild(sql);
  if (!build?.idxname) return;
  const relation = build.relation as { schemaname?: string; relname: string };
  const { rows } = await db.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
     FROM pg_catalog.pg_index i
     JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND c.relname = $1 AND t.relname = $2 AND ($3::text IS NULL OR n.nspname = $3)`,
    [build.idxname, relation.relname, relation.schemaname ?? null],
  );
  for (const index of rows) {
    const name = qualify(index.schema, index.name);
    log(`dropping ${name}, left INVALID by the interrupted build, before building it again`);
    await db.exec(`DROP INDEX CONCURRENTLY ${name}`);
  }
}
