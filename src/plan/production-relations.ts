import type { Queryable } from '../catalog/queryable.js';

export interface RelationFacts {
  partitioned: boolean;
  /** Planner's estimate of the rows (pg_class.reltuples, over the leaves of a partitioned table); undefined if never counted. */
  rows: number | undefined;
}

/**
 * What a probe needs to know of production's catalog beyond its rows, asked on the probes' own
 * read-only connection, so that names resolve as the plan's statements will (production's
 * search_path) and the answers belong to the snapshot the rows are read in.
 */
export class ProductionRelations {
  private readonly relations = new Map<string, Promise<RelationFacts | undefined>>();

  constructor(private readonly db: Queryable) {}

  /** The table as production has it, or undefined when production has no such table. */
  relation(table: string): Promise<RelationFacts | undefined> {
    let facts = this.relations.get(table);
    if (!facts) this.relations.set(table, (facts = this.readRelation(table)));
    return facts;
  }

  private async readRelation(table: string): Promise<RelationFacts | undefined> {
    const { rows } = await this.db.query<{ partitioned: boolean; rows: number | null }>(
      `SELECT c.relkind = 'p' AS partitioned,
              CASE WHEN c.relkind <> 'p' THEN NULLIF(c.reltuples, -1)::float8
                   ELSE (SELECT pg_catalog.sum(l.reltuples)::float8 FROM pg_catalog.pg_partition_tree(c.oid) t
                         JOIN pg_catalog.pg_class l ON l.oid = t.relid WHERE t.isleaf AND l.reltuples >= 0) END AS rows
       FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)`,
      [table],
    );
    const row = rows[0];
    return row && { partitioned: row.partitioned, rows: row.rows ?? undefined };
  }

  /** A constraint's definition as pg_get_constraintdef writes it, without NOT VALID. */
  async constraintDefinition(table: string, name: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ definition: string }>(
      `SELECT pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(c.oid), ' NOT VALID$', '') AS definition
       FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass($1) AND c.conname = $2`,
      [table, name],
    );
    return rows[0]?.definition;
  }

  /**
   * The functions among `called` (names as written, qualified or not) that a probe must not run:
   * those production has no function of that name for, and those with a volatile one (a volatile
   * function may act, pg_terminate_backend or pg_sleep, even in a read-only transaction).
   */
  async unsafeFunctions(called: string[][]): Promise<string[]> {
    if (called.length === 0) return [];
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT pg_catalog.concat_ws('.', f.schema, f.name) AS name
       FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[])) AS f(schema, name)
       WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                         WHERE p.proname = f.name AND (f.schema IS NULL OR n.nspname = f.schema))
          OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                     WHERE p.proname = f.name AND (f.schema IS NULL OR n.nspname = f.schema) AND p.provolatile = 'v')`,
      [called.map((n) => (n.length > 1 ? n[n.length - 2]! : null)), called.map((n) => n[n.length - 1]!)],
    );
    return rows.map((r) => r.name);
  }

  /**
   * The operators among `used` (names as written, qualified or not) whose function is volatile:
   * an operator is a function call spelled otherwise. A name no operator has (BETWEEN, whose
   * comparisons PostgreSQL picks later) is not one.
   */
  async unsafeOperators(used: string[][]): Promise<string[]> {
    if (used.length === 0) return [];
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT DISTINCT pg_catalog.concat_ws('.', f.schema, f.name) AS name
       FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[])) AS f(schema, name)
       JOIN pg_catalog.pg_operator o ON o.oprname = f.name
       JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace AND (f.schema IS NULL OR n.nspname = f.schema)
       JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode AND p.provolatile = 'v'`,
      [used.map((n) => (n.length > 1 ? n[n.length - 2]! : null)), used.map((n) => n[n.length - 1]!)],
    );
    return rows.map((r) => r.name);
  }

  /** The columns of a table's primary key, which a foreign key without a column list references. */
  primaryKey(table: string): Promise<string[] | undefined> {
    return this.keyColumns(`SELECT c.conkey AS key, c.conrelid AS rel FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass($1) AND c.contype = 'p'`, table);
  }

  /** The columns of an index that is not on expressions, which ADD PRIMARY KEY USING INDEX makes NOT NULL. */
  indexColumns(index: string): Promise<string[] | undefined> {
    return this.keyColumns(
      `SELECT i.indkey::int2[] AS key, i.indrelid AS rel FROM pg_catalog.pg_index i WHERE i.indexrelid = pg_catalog.to_regclass($1) AND NOT (0 = ANY (i.indkey::int2[]))`,
      index,
    );
  }

  private async keyColumns(keys: string, name: string): Promise<string[] | undefined> {
    const { rows } = await this.db.query<{ columns: string[] | null }>(
      `SELECT (SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.n)
               FROM pg_catalog.unnest(s.key) WITH ORDINALITY k(attnum, n)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = s.rel AND a.attnum = k.attnum) AS columns
       FROM (${keys}) s`,
      [name],
    );
    return rows[0]?.columns ?? undefined;
  }
}
