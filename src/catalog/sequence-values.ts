import type { Queryable } from './queryable.js';

/**
 * Sequences per statement. pg_sequence_last_value locks its sequence until the transaction ends,
 * and the lock table is shared by the whole server (max_locks_per_transaction × max_connections,
 * 6,400 by default): a database of 5,000 identity columns read in one statement, with another
 * database read beside it, runs the server out of shared memory.
 */
const CHUNK = 1000;

/**
 * The last value of each sequence (by OID), read in statements of their own so each chunk's locks
 * are released before the next. Sequence values are not transactional, so reading them outside the
 * catalog's snapshot gives what reading them inside would. A sequence the role may not read, or
 * one dropped meanwhile, has no entry.
 */
export async function readSequenceValues(db: Queryable, oids: number[]): Promise<Map<number, string>> {
  const values = new Map<number, string>();
  for (let start = 0; start < oids.length; start += CHUNK) {
    const { rows } = await db.query<{ oid: number; value: string | null }>(
      `SELECT c.oid, CASE WHEN pg_catalog.has_sequence_privilege(c.oid, 'SELECT,USAGE')
                 THEN pg_catalog.pg_sequence_last_value(c.oid)::text END AS value
       FROM pg_catalog.pg_class c WHERE c.oid = ANY($1::text::pg_catalog.oid[]) AND c.relkind = 'S'`,
      // An array literal: node-postgres and PGlite pass text alike.
      [`{${oids.slice(start, start + CHUNK).join(',')}}`],
    );
    for (const row of rows) if (row.value !== null) values.set(Number(row.oid), row.value);
  }
  return values;
}
