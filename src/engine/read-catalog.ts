import { allSettledOrCause } from '../catalog/all-settled.js';
import type { Catalog, Fact } from '../catalog/fact.js';
import type { ExtractContext, ExtractedFact, ExtractOptions } from '../catalog/kind-query.js';
import { readyForPortableNames } from '../catalog/portable-names.js';
import { KIND_QUERIES } from '../kinds/index.js';
import type { Queryable } from '../catalog/queryable.js';
import { SCOPE_SETTINGS, type Scope } from '../catalog/scope.js';
import { readSequenceValues } from '../catalog/sequence-values.js';
import { describeUnmodelled, readObjectCandidates } from '../catalog/unmodelled.js';

/** How a catalog is read: which schemas and kinds (scope) and what each kind reads (owners). */
export type ReadOptions = Scope & ExtractOptions & {
  /**
   * Whether facts get their sequences' last values (ExtractedFact.sequenceValue) here, true unless
   * false. Reading one locks its sequence and costs the server a lookup (bench/NOTES.md),
   * and only an alter of a sequence that changes reads it (to keep its restart inside
   * new bounds): with false, the requests come back (CatalogReading.sequenceValues) for a caller
   * that knows which it needs (fillSequenceValues), or that needs none.
   */
  sequenceValues?: boolean;
};

export interface CatalogReading {
  catalog: Catalog;
  /** User objects that no kind models, as `<type> <identity>`: the diff cannot see them. */
  unmodelled: string[];
  /** The catalog's facts that ask for their sequence's last value, not yet read (ReadOptions.sequenceValues). */
  sequenceValues: SequenceValueRequest[];
}

/**
 * Reads the whole catalog inside one REPEATABLE READ READ ONLY transaction so every kind sees the
 * same snapshot. search_path is pg_catalog only, so every deparsed expression and type names its
 * schema: the same object reads the same on both sides whatever the session's path was.
 */
export async function readCatalog(db: Queryable, options: ReadOptions = {}): Promise<CatalogReading> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await db.query(`SET LOCAL search_path = pg_catalog`);
    // Catalog queries are short: compiling one (its estimate crosses jit_above_cost on a large
    // catalog) costs more than it saves.
    await db.query(`SET LOCAL jit = off`);
    const { rows } = await db.query<{ version: string }>(
      `SELECT pg_catalog.set_config($1, $2, true), pg_catalog.set_config($3, $4, true),
              pg_catalog.current_setting('server_version_num') AS version`,
      [
        SCOPE_SETTINGS.include,
        options.includeSchemas?.length ? JSON.stringify(options.includeSchemas) : '',
        SCOPE_SETTINGS.exclude,
        JSON.stringify(options.excludeSchemas ?? []),
      ],
    );
    const serverVersion = Number(rows[0]!.version);
    await readyForPortableNames(serverVersion);
    const { catalog: built, unmodelled, sequenceValues } = await readFacts(db, { ...options, serverVersion });
    await db.query('COMMIT');
    const catalog = withoutKinds(built, options.excludeKinds ?? []);
    const asking = sequenceValues.filter((f) => catalog.has(f.id));
    if (options.sequenceValues === false) return { catalog, unmodelled, sequenceValues: asking };
    await fillSequenceValues(db, asking, catalog);
    return { catalog, unmodelled, sequenceValues: [] };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The kinds whose rows make most of a large catalog's facts. Their queries are queued first: the
 * client is then busy with their rows from the first tenth of a second while the server runs the
 * rest, where behind a dozen small queries it waited idle for them.
 */
const BULK_KINDS = new Set(['column', 'constraint', 'index']);

/**
 * The catalog built of every kind's rows and the dependency edges, with the objects no fact
 * models. What only building needs (the extracted facts with their addresses, the edges' text,
 * the address map: a large share of a big catalog's memory, bench/NOTES.md) is this function's alone and is let go when it
 * returns, not held while the sequences and the other side are still read.
 */
async function readFacts(db: Queryable, context: ExtractContext): Promise<Omit<BuiltCatalog, 'modelled'> & { unmodelled: string[] }> {
  // Every query is queued at once: the server runs the next while the client turns rows into facts.
  const [lists, edges, candidates] = await allSettledOrCause([
    extractKinds(db, context),
    readDependencies(db),
    readObjectCandidates(db),
  ] as const);
  const { catalog, modelled, sequenceValues } = buildCatalog(lists.flat(), edges);
  return { catalog, sequenceValues, unmodelled: await describeUnmodelled(db, candidates, modelled) };
}

/**
 * Each kind's facts, listed in KIND_QUERIES' order (the catalog's) whatever order they were queued
 * in, and within a kind in an order the schema alone decides (KindQuery.ordered).
 */
async function extractKinds(db: Queryable, context: ExtractContext): Promise<ExtractedFact[][]> {
  const lists: ExtractedFact[][] = [];
  const places = [...KIND_QUERIES.keys()];
  const isBulk = (i: number) => BULK_KINDS.has(KIND_QUERIES[i]!.kind);
  const queued = [...places.filter(isBulk), ...places.filter((i) => !isBulk(i))];
  await allSettledOrCause(queued.map(async (i) => {
    const kind = KIND_QUERIES[i]!;
    const facts = await kind.extract(db, context);
    // Stable: of two facts with one id the later still wins (buildCatalog).
    lists[i] = kind.ordered ? facts : facts.sort(byId);
  }));
  return lists;
}

function byId(a: ExtractedFact, b: ExtractedFact): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A fact that asks for its sequence's last value, by id (ExtractedFact.sequenceValue). */
export interface SequenceValueRequest {
  id: string;
  sequenceValue: NonNullable<ExtractedFact['sequenceValue']>;
}

/** Puts into each fact of `catalog` requested the last value of its sequence; the fallback stays otherwise. */
export async function fillSequenceValues(db: Queryable, requests: SequenceValueRequest[], catalog: Catalog): Promise<void> {
  if (requests.length === 0) return;
  const values = await readSequenceValues(db, requests.map((f) => Number(f.sequenceValue.oid)));
  for (const { id, sequenceValue } of requests) {
    const value = values.get(Number(sequenceValue.oid));
    if (value !== undefined) catalog.get(id)!.info[sequenceValue.key] = value;
  }
}

export async function extractCatalog(db: Queryable, options: ReadOptions = {}): Promise<Catalog> {
  return (await readCatalog(db, options)).catalog;
}

/** The catalog without facts of the given kinds and without what lives inside them. */
function withoutKinds(catalog: Catalog, kinds: string[]): Catalog {
  if (kinds.length === 0) return catalog;
  const left = (fact: Fact): boolean => !kinds.includes(fact.kind) && (!fact.parent || !catalog.has(fact.parent) || left(catalog.get(fact.parent)!));
  return new Map([...catalog].filter(([, fact]) => left(fact)));
}

/**
 * Every user object's normal and automatic dependencies, one round trip for all kinds, as lines of
 * `ref target` catalog addresses in one text: a row of two strings per edge (80,000 a side at
 * N=5000) cost more to decode and hold than the edges are worth, since only the addresses' facts
 * are kept. A column default's automatic dependency is on its own column, whose fact it belongs
 * to (or, on a partition's column, no fact at all): a quarter of a large schema's edges, each
 * leading nowhere.
 */
async function readDependencies(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ edges: string | null }>(`
    SELECT pg_catalog.string_agg(
             d.classid::oid::text || ':' || d.objid::text || ':' || d.objsubid::text || ' '
               || d.refclassid::oid::text || ':' || d.refobjid::text || ':' || d.refobjsubid::text, E'\n') AS edges
    FROM pg_catalog.pg_depend d
    WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
      AND NOT (d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.deptype = 'a')`);
  return rows[0]?.edges ?? '';
}

interface BuiltCatalog {
  catalog: Catalog;
  /** Whether a kept fact answers to the catalog address: one its last step left out (a comment on an unmodelled object) models nothing. */
  modelled(ref: string): boolean;
  /** The facts that ask for their sequence's last value, read after the catalog's transaction. */
  sequenceValues: SequenceValueRequest[];
}

const NO_DEPENDENCIES: readonly string[] = [];

/** A fact while the catalog is built: its dependency list still grows. */
interface BuildingFact extends Fact {
  deps: string[];
}

function buildCatalog(extracted: ExtractedFact[], edges: string): BuiltCatalog {
  const catalog = new Map<string, BuildingFact>();
  // To the fact the catalog keeps, not its id: one lookup per edge end, not two.
  const byRef = new Map<string, BuildingFact>();
  const replaced = new Set<string>();
  // Every fact's last step (the last of an id wins), holding only the ids that have one.
  const resolvers = new Map<string, ExtractedFact['resolve']>();
  const sequenceValues: SequenceValueRequest[] = [];
  // Indexed loops: each of these runs once, mostly before the optimiser steps in, and an array
  // iterator unoptimised allocates a result object per element (80,000 facts a side).
  for (let i = 0; i < extracted.length; i++) {
    const own: BuildingFact = extracted[i]!;
    // The list is the fact's own (each kind makes one per fact), filled by the edges and tidied once
    // at the end. A column already lists its table: adding the parent again would send every one of
    // them down the deduplicating path.
    if (own.parent && !own.deps.includes(own.parent)) own.deps.unshift(own.parent);
    const size = catalog.size;
    catalog.set(own.id, own);
    if (catalog.size === size) replaced.add(own.id);
    const { refs, resolve, sequenceValue } = extracted[i]!;
    for (let r = 0; r < refs.length; r++) byRef.set(refs[r]!, own);
    if (resolve || resolvers.has(own.id)) resolvers.set(own.id, resolve);
    if (sequenceValue) sequenceValues.push({ id: own.id, sequenceValue });
  }
  // An id made twice is the last one's: an address still held by an earlier one answers to it.
  for (let i = 0; replaced.size > 0 && i < extracted.length; i++) {
    const { id, refs } = extracted[i]!;
    if (!replaced.has(id)) continue;
    const kept = catalog.get(id)!;
    for (let r = 0; r < refs.length; r++) if (byRef.get(refs[r]!)?.id === id) byRef.set(refs[r]!, kept);
  }
  forgetExtraction(extracted);
  // A sub-object no fact names (a column of a kind without column facts) stands for its whole object.
  const find = (ref: string) => byRef.get(ref) ?? (ref.endsWith(':0') ? undefined : byRef.get(`${ref.slice(0, ref.lastIndexOf(':'))}:0`));
  for (let start = 0; start < edges.length; ) {
    const space = edges.indexOf(' ', start);
    let end = edges.indexOf('\n', space);
    if (end === -1) end = edges.length;
    const from = find(edges.slice(start, space));
    const to = from && find(edges.slice(space + 1, end));
    if (to && from !== to) from.deps.push(to.id);
    start = end + 1;
  }
  // forEach, not for…of: iterating a Map of 80,000 facts allocated a result object per entry.
  const alone = new Map<string, readonly string[]>();
  catalog.forEach((fact) => {
    (fact as Fact).deps = tidyDependencies(fact.deps, fact.id, alone);
  });
  const resolved = resolveFacts(catalog, resolvers, (ref) => byRef.get(ref)?.id);
  return {
    catalog: resolved,
    sequenceValues,
    modelled: (ref) => {
      const fact = byRef.get(ref);
      return fact !== undefined && resolved.has(fact.id);
    },
  };
}

/**
 * A fact's own dependency list sorted, without repeats or the fact itself. Nearly every list holds
 * a handful of ids: sorted in place by insertion they cost no allocation, where a Set, a copy and
 * Array#sort's work array per list were a fifth of what reading a large catalog allocated. A list
 * the edges grew has room for 16 more ids (V8's growth step) that it keeps for the whole diff: it
 * is copied once to its size. A list of one id is the one list of that id (`alone`), shared by
 * every fact that depends on it alone: a table's columns, 45,000 a side at N=5000.
 */
function tidyDependencies(list: string[], self: string, alone: Map<string, readonly string[]>): readonly string[] {
  if (list.length > 16) {
    list.sort();
  } else {
    for (let i = 1; i < list.length; i++) {
      const id = list[i]!;
      let j = i - 1;
      for (; j >= 0 && list[j]! > id; j--) list[j + 1] = list[j]!;
      list[j + 1] = id;
    }
  }
  let kept = 0;
  for (const id of list) if (id !== self && (kept === 0 || list[kept - 1] !== id)) list[kept++] = id;
  if (kept === 0) return NO_DEPENDENCIES;
  if (kept > 1) return list.slice(0, kept);
  const only = list[0]!;
  let shared = alone.get(only);
  if (!shared) alone.set(only, (shared = list.length === 1 ? list : [only]));
  return shared;
}

const NO_REFS: readonly string[] = [];

/**
 * Each extracted fact becomes the catalog's fact itself, without what only extraction needs: its
 * addresses, last step and sequence request are let go in place (fields written, never deleted, so
 * the object keeps its shape). A copy of every fact (object rest, or field by field) made 80,000
 * objects a side that outlived the young generation, and their originals then died in the old one,
 * where they raised the peak heap until the next full collection.
 */
function forgetExtraction(extracted: ExtractedFact[]): void {
  for (let i = 0; i < extracted.length; i++) {
    const f = extracted[i]!;
    f.refs = NO_REFS;
    if (f.resolve) f.resolve = undefined;
    if (f.sequenceValue) f.sequenceValue = undefined;
  }
}

/**
 * Gives each fact that asks for it its last step, in the catalog itself rather than a copy of an
 * 80,000-entry map. A fact that keeps its id keeps its place; one that takes another id (a comment,
 * a grant, an owner: named by address until then, and nothing's dependency) moves to the end, in
 * order, so each kind's facts keep their order among themselves, which is all the planner's order
 * depends on (kinds are ranked).
 */
function resolveFacts(
  catalog: Catalog,
  resolvers: Map<string, ExtractedFact['resolve']>,
  idOf: (ref: string) => string | undefined,
): Catalog {
  const moved: Fact[] = [];
  catalog.forEach((fact, id) => {
    const resolve = resolvers.get(id);
    if (!resolve) return;
    const final = resolve(fact, idOf);
    if (final?.id === id) {
      catalog.set(id, final);
    } else {
      catalog.delete(id);
      if (final) moved.push(final);
    }
  });
  for (const fact of moved) catalog.set(fact.id, fact);
  return catalog;
}
