import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { factsOfRows, objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { portableKeyExpressions } from '../../catalog/key-expression-parens.js';
import { portableDeparse } from '../../catalog/portable-deparse.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { sharedStrings } from '../../catalog/shared-strings.js';
import { portableArrayCasts } from '../../catalog/array-casts.js';
import { portableNames } from '../../catalog/portable-names.js';

/** An index no constraint owns: what the diff compares and the rule writes. */
export type IndexPayload = {
  unique: boolean;
  /** pg_get_indexdef from the table on (`public.t USING btree (a) WHERE …`): no index name in it. */
  definition: string;
};

/** The index a partition keeps as its own once detached: its name there and its definition (IndexPayload). */
type IndexCopy = { name: string; definition: string };

/**
 * What a partitioned table's index says of its partitions: those with an index attached to it;
 * the index each keeps as its own once detached (`copies`, by partition, where no key constraint
 * owns it: such an index is its constraint's, a fact of its own); and those key constraints, which
 * the index cannot be dropped without and which must exist before it is created to be adopted.
 */
export type IndexInfo = { attachedOn?: string[]; copies?: { [partition: string]: IndexCopy }; attachedKeys?: string[] };

export type IndexFact = Fact<IndexPayload, [schema: string, index: string], IndexInfo>;

export const isIndex = (fact: Fact): fact is IndexFact => fact.kind === 'index';

interface Row {
  classid: number;
  oid: number;
  schema: string;
  table: string;
  relkind: string;
  name: string;
  quoted_name: string;
  unique: boolean;
  definition: string;
  /** A partitioned table's index: the indexes of partitions attached to it (PartitionIndex). */
  attached: PartitionIndex[] | null;
  /** A partitioned table's index: the partitions' own key constraints whose index is attached to it, at any depth. */
  attached_keys: [string, string, string][] | null;
}

/** An index attached to a partitioned table's index, as [schema, table, name, quoted name, definition, whether a key constraint owns it]. */
type PartitionIndex = [string, string, string, string, string, boolean];

/**
 * pg_get_indexdef without `CREATE [UNIQUE] INDEX name ON `: what is left (table, method, keys,
 * INCLUDE, WITH, WHERE) is the index's state, and it no longer changes with the index's name.
 */
function body(r: Pick<Row, 'schema' | 'name' | 'quoted_name' | 'unique' | 'definition'>): string {
  const prefix = `CREATE ${r.unique ? 'UNIQUE ' : ''}INDEX ${r.quoted_name} ON `;
  if (!r.definition.startsWith(prefix)) throw new Error(`unexpected definition of index ${r.schema}.${r.name}: ${r.definition}`);
  return r.definition.slice(prefix.length);
}

function partitionInfo(r: Row, portable: (definition: string) => string): IndexInfo {
  if (!r.attached) return {};
  const copies: { [partition: string]: IndexCopy } = {};
  for (const [schema, table, name, quoted_name, definition, ownedByKey] of r.attached) {
    if (!ownedByKey) copies[factId('table', schema, table)] = { name, definition: portable(body({ schema, name, quoted_name, unique: r.unique, definition })) };
  }
  return {
    attachedOn: r.attached.map(([schema, table]) => factId('table', schema, table)),
    copies,
    attachedKeys: (r.attached_keys ?? []).map(([schema, table, name]) => factId('constraint', schema, table, name)),
  };
}

/**
 * Indexes of tables and materialized views that no constraint owns (a key constraint's index is
 * the constraint's). An index a partition got by attaching to its parent's index comes with the
 * parent's, so only the parent's is a fact.
 */
export const indexQuery: KindQuery = {
  kind: 'index',
  ordered: true,
  async extract(db, { serverVersion }) {
    const shared = sharedStrings();
    const portable = (definition: string) => portableNames(portableArrayCasts(portableKeyExpressions(definition)), serverVersion, 'index');
    // Sorted first, deparsed after: the outer query's order is the subquery's, so rows leave as
    // each is deparsed instead of all waiting for a sort of pg_get_indexdef's text.
    return factsOfRows<Row>(db, `
      SELECT s.classid, s.oid, s.schema, s.table, s.relkind, s.name, pg_catalog.quote_ident(s.name) AS quoted_name,
             s.unique, ${portableDeparse('pg_catalog.pg_get_indexdef(s.oid)')} AS definition,
             CASE WHEN s.relkind = 'p' THEN (
               SELECT pg_catalog.json_agg(pg_catalog.json_build_array(pn.nspname, pt.relname, pc.relname,
                        pg_catalog.quote_ident(pc.relname), ${portableDeparse('pg_catalog.pg_get_indexdef(pc.oid)')},
                        EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = pc.oid AND con.conrelid = pt.oid
                                AND con.contype IN ('p', 'u', 'x'))))
               FROM pg_catalog.pg_inherits h
               JOIN pg_catalog.pg_class pc ON pc.oid = h.inhrelid
               JOIN pg_catalog.pg_index pi ON pi.indexrelid = h.inhrelid
               JOIN pg_catalog.pg_class pt ON pt.oid = pi.indrelid
               JOIN pg_catalog.pg_namespace pn ON pn.oid = pt.relnamespace
               WHERE h.inhparent = s.oid) END AS attached,
             CASE WHEN s.relkind = 'p' THEN (
               WITH RECURSIVE below(oid) AS (
                 SELECT h.inhrelid FROM pg_catalog.pg_inherits h WHERE h.inhparent = s.oid
                 UNION ALL
                 SELECT h.inhrelid FROM pg_catalog.pg_inherits h JOIN below b ON h.inhparent = b.oid)
               SELECT pg_catalog.json_agg(pg_catalog.json_build_array(kn.nspname, kt.relname, con.conname))
               FROM below b
               JOIN pg_catalog.pg_constraint con ON con.conindid = b.oid AND con.contype IN ('p', 'u', 'x') AND con.conparentid = 0
               JOIN pg_catalog.pg_class kt ON kt.oid = con.conrelid
               JOIN pg_catalog.pg_namespace kn ON kn.oid = kt.relnamespace) END AS attached_keys
      FROM (
        SELECT 'pg_class'::regclass::oid AS classid, ic.oid, n.nspname AS schema, t.relname AS table,
               t.relkind::text AS relkind, ic.relname AS name, i.indisunique AS unique
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        WHERE t.relkind IN ('r', 'p', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                          WHERE con.conindid = ic.oid AND con.contype IN ('p', 'u', 'x'))
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = ic.oid)
          AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 't.oid')}
        ORDER BY n.nspname, ic.relname) s
      ORDER BY s.schema, s.name`, (r) => {
      const schema = shared(r.schema);
      const table = shared(factId(r.relkind === 'm' ? 'matview' : 'table', schema, r.table));
      const info = partitionInfo(r, portable);
      const payload: IndexPayload = { unique: r.unique, definition: portable(body(r)) };
      return {
        id: factId('index', schema, r.name),
        kind: 'index',
        name: [schema, r.name],
        parent: table,
        payload,
        info,
        deps: [table, ...(info.attachedKeys ?? [])],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
