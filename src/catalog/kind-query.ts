import type { Fact } from './fact.js';
import type { Queryable } from './queryable.js';

/**
 * A fact as extraction first sees it: besides its id, the catalog addresses it answers to
 * (`classid:objid:objsubid`, as pg_depend writes them), so that one pg_depend query can turn
 * OID-level dependencies into id-level ones for every kind at once.
 */
export interface ExtractedFact extends Fact {
  /** Its own list, never shared with another fact: the catalog grows it with pg_depend's edges. */
  deps: string[];
  refs: readonly string[];
  /**
   * A last step, once every kind is read and every dependency is known, for what a fact's own row
   * cannot tell: the fact that a comment is about, which of its dependencies are really ownership.
   * `idOf` names the fact that answers to a catalog address; undefined leaves the fact out.
   */
  resolve?(fact: Fact, idOf: (ref: string) => string | undefined): Fact | undefined;
  /**
   * A sequence whose last value goes into `info[key]` (which holds a fallback until then). It is
   * read after the catalog's transaction, since reading it locks the sequence (sequence-values.ts).
   */
  sequenceValue?: { oid: number; key: string };
}

/** What a caller may ask extraction to read beyond the schema itself. */
export interface ExtractOptions {
  /** Who owns each object: roles differ between environments, so only when asked. */
  owners?: boolean;
}

/** What each kind is read with: the caller's options and the server it reads. */
export interface ExtractContext extends ExtractOptions {
  /** server_version_num of the server read (150004 for 15.4): catalogs and deparsed text differ by release. */
  serverVersion: number;
}

/** One module per object kind: the catalog query for it and the facts its rows become. */
export interface KindQuery {
  kind: string;
  extract(db: Queryable, context: ExtractContext): Promise<ExtractedFact[]>;
  /**
   * Whether the query's ORDER BY already lists its facts in an order that does not depend on where
   * rows lie in the catalog's heap (names, or a table's OID and column number). The others' facts
   * are sorted by id: rows come in the order they lie in the catalog's heap,
   * which moves with every update of a row (a table's gains an index) and with when pages were
   * pruned, so two loads of one schema would plan one migration in two orders.
   */
  ordered?: true;
}

export function objectRef(classid: number | string, objid: number | string, objsubid: number | string = 0): string {
  // Joined, not concatenated: one flat string, where a rope of ropes was three objects, and a flat
  // copy besides once hashed as a key of the address map (100,000 addresses a side at N=5000).
  return [classid, objid, objsubid].join(':');
}

/**
 * The facts of one query's rows, each row made into its facts as it arrives: the rows of a large
 * catalog (45,000 columns, 15,000 constraints) are never all held at once (Queryable.forEachRow).
 */
export async function factsOfRows<Row>(
  db: Queryable,
  sql: string,
  toFacts: (row: Row) => ExtractedFact | ExtractedFact[],
): Promise<ExtractedFact[]> {
  const facts: ExtractedFact[] = [];
  await db.forEachRow<Row>(sql, undefined, (row) => {
    const made = toFacts(row);
    if (Array.isArray(made)) for (const fact of made) facts.push(fact);
    else facts.push(made);
  });
  return facts;
}
