import type { Queryable } from './queryable.js';

/** `server_version_num` (150004 for 15.4), for kinds whose catalog columns came with a release. */
export async function serverVersionNum(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ v: string }>(`SELECT pg_catalog.current_setting('server_version_num') AS v`);
  return Number(rows[0]!.v);
}
