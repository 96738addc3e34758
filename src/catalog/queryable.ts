/** What extraction needs from a connection; both node-postgres and PGlite satisfy it. */
export interface Queryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /**
   * Hands each row to `onRow` as it arrives and keeps none. A large catalog query's rows then die
   * young instead of piling up until its last row and outliving the facts made of them. A throw
   * from `onRow` fails the query once its rows are drained; the connection stays usable.
   */
  forEachRow<Row>(sql: string, params: unknown[] | undefined, onRow: (row: Row) => void): Promise<void>;
}
