/**
 * A catalog is a set of facts: one per object the engine manages, addressed by a stable name-based
 * id (never an OID) so that two databases can be compared object by object.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Payload = { [key: string]: Json };

/**
 * `P` is the payload's shape, `N` the name path's and `I` the info's, which each kind declares
 * (src/kinds/): code that knows the kind reads `fact.payload.roles` as `string[]`, `fact.name[2]`
 * as a string and `fact.info.type` as what its query stored. Code that knows no kind (the diff,
 * the planner, the fingerprint) sees the defaults.
 */
export interface Fact<P extends Payload = Payload, N extends readonly string[] = string[], I extends Payload = Payload> {
  /** `kind:` followed by the quoted, dot-separated name path, e.g. `column:public.users.email`. */
  id: string;
  kind: string;
  /** Name path, unquoted: [schema, table, column] for a column. */
  name: N;
  /** The object this one lives inside: dropped with it, possibly created as part of it. */
  parent?: string;
  /** Normalised state; two facts with equal ids and equal payloads are the same object. */
  payload: P;
  /** Details needed to write SQL that must not count as a difference (column position, …). */
  info: I;
  /** Ids of facts that must exist before this one can. */
  deps: readonly string[];
}

export type Catalog = Map<string, Fact>;
