import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type ExtractedFact, type KindQuery } from '../../catalog/kind-query.js';
import type { Queryable } from '../../catalog/queryable.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { factWith } from '../../catalog/fact-with.js';
import { portableNames } from '../../catalog/portable-names.js';
import type { Options } from './relation-options.js';
import { normaliseViewDefinitions } from './view-definition.js';

/** A view's or materialized view's state: what the diff compares and the rules write. */
export type ViewPayload = {
  /** The query as pg_get_viewdef writes it, normalised across server versions (view-definition.ts). */
  definition: string;
  /** Reloptions by name, booleans spelled `true` or `false`. */
  options: Options;
  /** Fact ids of what the query reads, its schema aside: the same text may read other objects. */
  reads: string[];
};

/** A column of a view as the catalog reads it into the fact's info. */
type ViewColumn = { name: string; type: string; collation: string | null };

/**
 * Columns follow from the definition; they decide whether CREATE OR REPLACE is allowed. A
 * materialized view created WITH NO DATA is created so again (`populated`), but a later REFRESH of
 * production is no change to the schema. A view that reads itself (PostgREST's fixtures have them)
 * is created from a placeholder (`readsItself`).
 */
export type ViewInfo = { columns: ViewColumn[]; populated?: boolean; readsItself?: boolean };

export type ViewFact = Fact<ViewPayload, [schema: string, view: string], ViewInfo>;

interface Row {
  classid: number;
  rewrite_classid: number;
  type_classid: number;
  rowtype: number;
  array_rowtype: number;
  oid: number;
  rule_oid: number;
  schema: string;
  name: string;
  definition: string;
  options: string[] | null;
  populated: boolean;
  reads_itself: boolean;
  columns: ViewColumn[];
}

/**
 * Reloptions as a name → value map. A boolean option reads as written (`on`, `yes`, `true`), so
 * its spellings are folded into one.
 */
function options(raw: string[] | null): Options {
  const out: Options = {};
  for (const entry of raw ?? []) {
    const at = entry.indexOf('=');
    const value = entry.slice(at + 1);
    const lower = value.toLowerCase();
    out[entry.slice(0, at)] = ['on', 'yes', 'true'].includes(lower) ? 'true' : ['off', 'no', 'false'].includes(lower) ? 'false' : value;
  }
  return out;
}

/**
 * Views and materialized views of one relkind. The query lives in the view's `_RETURN` rule, so
 * the view answers to the rule's address too: pg_depend records what the query uses (tables,
 * columns, other views, functions, types) against the rule; and to its row type, so a function
 * that returns SETOF the view depends on the view.
 */
async function extractRelations(db: Queryable, relkind: 'v' | 'm', serverVersion: number): Promise<ExtractedFact[]> {
  const kind = relkind === 'v' ? 'view' : 'matview';
  const { rows } = await db.query<Row>(`
    SELECT 'pg_class'::regclass::oid AS classid, 'pg_rewrite'::regclass::oid AS rewrite_classid,
           'pg_type'::regclass::oid AS type_classid, c.reltype AS rowtype, rt.typarray AS array_rowtype,
           c.oid, r.oid AS rule_oid, n.nspname AS schema, c.relname AS name,
           pg_catalog.pg_get_viewdef(c.oid) AS definition, c.reloptions AS options,
           c.relispopulated AS populated,
           -- Every view's rule depends on its view as a whole; one that reads itself, on its columns too.
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                   WHERE d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
                     AND d.refobjid = c.oid AND d.refobjsubid > 0 AND d.deptype = 'n') AS reads_itself,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                      'collation', CASE WHEN a.attcollation <> 0 THEN a.attcollation::regcollation::text END)
                    ORDER BY a.attnum)
             FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
    JOIN pg_catalog.pg_type rt ON rt.oid = c.reltype
    WHERE c.relkind = '${relkind}' AND ${isUserSchema('n.nspname')}
      AND ${isNotExtensionMember('pg_class', 'c.oid')}
    ORDER BY n.nspname, c.relname`);
  const definitions = await normaliseViewDefinitions(rows.map((r) => r.definition));
  return rows.map((r, i) => {
    const schema = factId('schema', r.schema);
    // What the query reads is known once every fact is (resolve); the key is here so the payload
    // keeps one shape, which a spread that adds a key does not.
    const payload: ViewPayload = { definition: portableNames(definitions[i]!, serverVersion, 'statement'), options: options(r.options), reads: [] };
    return {
      id: factId(kind, r.schema, r.name),
      kind,
      name: [r.schema, r.name],
      payload,
      info: { columns: r.columns.map((c) => ({ ...c, type: portableNames(c.type, serverVersion, 'name'), collation: portableNames(c.collation, serverVersion, 'name') })), ...(relkind === 'm' ? { populated: r.populated } : { readsItself: r.reads_itself }) } satisfies ViewInfo,
      deps: [schema],
      refs: [
        objectRef(r.classid, r.oid), objectRef(r.rewrite_classid, r.rule_oid),
        objectRef(r.type_classid, r.rowtype), objectRef(r.type_classid, r.array_rowtype),
      ],
      // The same text may name another object than before (a table replaced by a view of its name),
      // so what the query reads is part of the view's state.
      resolve: (fact) => factWith(fact, { payload: { ...fact.payload, reads: fact.deps.filter((id) => id !== schema) } }),
    };
  });
}

export const viewQuery: KindQuery = { kind: 'view', extract: (db, { serverVersion }) => extractRelations(db, 'v', serverVersion) };
export const matviewQuery: KindQuery = { kind: 'matview', extract: (db, { serverVersion }) => extractRelations(db, 'm', serverVersion) };
