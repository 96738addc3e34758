import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { factsOfRows, objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { portableKeyExpressions } from '../../catalog/key-expression-parens.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';

/** A regular or partitioned table: what the diff compares and the rule writes. */
export type TablePayload = {
  unlogged: boolean;
  partitioned: boolean;
  /** PARTITION BY's clause, as pg_get_partkeydef writes it. */
  partitionKey: string | null;
  /** For a partition, its parent's fact id and its bound (`FOR VALUES …`). */
  partition: { of: string; bound: string } | null;
  /** Fact ids of the parents of an inheritance child, in declaration order. */
  inherits: string[];
};

export type TableFact = Fact<TablePayload, [schema: string, table: string]>;

export const isTable = (fact: Fact): fact is TableFact => fact.kind === 'table';

/** The partitioned table `fact` is attached to, when it is a table and a partition. */
export const partitionOf = (fact: Fact | undefined): string | undefined =>
  fact && isTable(fact) ? fact.payload.partition?.of : undefined;

interface Row {
  oid: number;
  classid: number;
  type_classid: number;
  rowtype: number;
  array_rowtype: number;
  schema: string;
  name: string;
  persistence: string;
  relkind: string;
  partition_key: string | null;
  partition_bound: string | null;
  parents: { schema: string; name: string }[];
}

/**
 * Regular and partitioned tables. A partition names its parent and bound; an inheritance child its
 * parents in declaration order. Columns are facts of their own (see ../column/query.ts).
 */
export const tableQuery: KindQuery = {
  kind: 'table',
  async extract(db, { serverVersion }) {
    return factsOfRows<Row>(db, `
      SELECT c.oid, 'pg_class'::regclass::oid AS classid, 'pg_type'::regclass::oid AS type_classid,
             c.reltype AS rowtype, rt.typarray AS array_rowtype, n.nspname AS schema, c.relname AS name,
             c.relpersistence AS persistence, c.relkind::text AS relkind,
             CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
             CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
             COALESCE((
               SELECT json_agg(json_build_object('schema', pn.nspname, 'name', p.relname) ORDER BY i.inhseqno)
               FROM pg_catalog.pg_inherits i
               JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
               JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
               WHERE i.inhrelid = c.oid), '[]') AS parents
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_type rt ON rt.oid = c.reltype
      WHERE c.relkind IN ('r', 'p') AND ${isUserSchema('n.nspname')}
        AND ${isNotExtensionMember('pg_class', 'c.oid')}`, (r) => {
      const parents = r.parents.map((p) => factId('table', p.schema, p.name));
      // A partition has exactly one parent: relispartition comes with its pg_inherits row.
      const of = parents[0];
      const partition = r.partition_bound === null || of === undefined ? null : { of, bound: r.partition_bound };
      const payload: TablePayload = {
        unlogged: r.persistence === 'u',
        partitioned: r.relkind === 'p',
        partitionKey: r.partition_key === null ? null : portableNames(portableKeyExpressions(r.partition_key), serverVersion, 'partition-key'),
        partition,
        inherits: partition ? [] : parents,
      };
      return {
        id: factId('table', r.schema, r.name),
        kind: 'table',
        name: [r.schema, r.name],
        payload,
        info: {},
        deps: [factId('schema', r.schema), ...parents],
        // A table's row type and its array answer for the table: `returns setof users` needs it.
        refs: [objectRef(r.classid, r.oid), objectRef(r.type_classid, r.rowtype), objectRef(r.type_classid, r.array_rowtype)],
      };
    });
  },
};
