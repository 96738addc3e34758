/** What extraction needs from a connection; both node-postgres and PGlite satisfy it. */
export interface Queryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}
