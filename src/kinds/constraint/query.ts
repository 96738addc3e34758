import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { factsOfRows, objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { portableKeyExpressions } from '../../catalog/key-expression-parens.js';
import { portableDeparse } from '../../catalog/portable-deparse.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { sharedStrings } from '../../catalog/shared-strings.js';
import { portableArrayCasts } from '../../catalog/array-casts.js';
import { portableNames } from '../../catalog/portable-names.js';

/** A table constraint: what the diff compares and the rule writes. */
export type ConstraintPayload = {
  /** pg_get_constraintdef without the flags below. */
  definition: string;
  deferrable: boolean;
  deferred: boolean;
  /** False for a constraint left NOT VALID. */
  validated: boolean;
  /** A foreign key's referenced index, by name: it is recreated when that key is swapped. */
  key: string | null;
  /** A key's index storage parameters (`fillfactor='70'`), which the definition leaves out. */
  storage: string | null;
};

/**
 * pg_constraint's contype (`p`, `u`, `f`, `c`, `x`), which the definition spells in words; and for
 * a partitioned table's constraint the name of each partition's copy, by the partition's id.
 */
export type ConstraintInfo = { type: string; copies?: { [partition: string]: string } };

export type ConstraintFact = Fact<ConstraintPayload, [schema: string, table: string, constraint: string], ConstraintInfo>;

export const isConstraint = (fact: Fact): fact is ConstraintFact => fact.kind === 'constraint';

interface Row {
  classid: number;
  class_classid: number;
  oid: number;
  /** For a foreign key to a partitioned table, its clones for each partition; else null. */
  clone_oids: number[] | null;
  index_oid: number | null;
  schema: string;
  table: string;
  name: string;
  type: string;
  definition: string;
  validated: boolean;
  deferrable: boolean;
  deferred: boolean;
  key: string | null;
  storage: string | null;
  /** A partitioned table's constraint: [schema, table, name] of the copy each partition holds. */
  copies: [string, string, string][] | null;
}

/**
 * pg_get_constraintdef ends with the flags that can change in place (DEFERRABLE, INITIALLY
 * DEFERRED, NOT VALID); they are kept as flags of their own so the rule can tell a flag change
 * from a new definition.
 */
function withoutFlags(r: Row): string {
  const flags = `${r.deferrable ? ' DEFERRABLE' : ''}${r.deferred ? ' INITIALLY DEFERRED' : ''}${r.validated ? '' : ' NOT VALID'}`;
  return flags && r.definition.endsWith(flags) ? r.definition.slice(0, -flags.length) : r.definition;
}

/** The constraint's type, and for a partitioned table's constraint the name of each partition's copy by the partition's id. */
function constraintInfo(r: Row): ConstraintInfo {
  if (!r.copies) return { type: r.type };
  return { type: r.type, copies: Object.fromEntries(r.copies.map(([schema, table, name]) => [factId('table', schema, table), name])) };
}

/**
 * Table constraints a table declares itself: primary keys, unique, foreign keys, checks and
 * exclusions. Constraints a child inherits and the clones a partition gets from its parent come
 * with the parent's constraint, and so does a check a partition inherits, even where the partition
 * also declared it (as ATTACH requires), since the partition cannot drop it while attached; NOT NULL
 * is the column's own state, domain constraints the domain's.
 *
 * A key constraint answers for its index, and a foreign key to a partitioned table for the clones
 * Postgres adds beside it for each partition, so whatever pg_depend says of them is said of the
 * constraint: a foreign key depends on the key whose index it uses and on every partition it
 * references. (Clones on partitions stay out: the partition would depend on its parent's
 * constraint and the parent's constraint on the partition.) A key's storage parameters are part
 * of it because pg_get_constraintdef leaves them out. A foreign key names the index of the key it
 * references: when that key is swapped for another, the foreign key must be recreated around it.
 * A partitioned table's constraint names the copy each partition holds (`copies`, by partition):
 * the partition keeps it as its own when it is detached.
 */
export const constraintQuery: KindQuery = {
  kind: 'constraint',
  ordered: true,
  async extract(db, { serverVersion }) {
    const shared = sharedStrings();
    return factsOfRows<Row>(db, `
      WITH RECURSIVE clones(root, oid, conrelid) AS (
        SELECT p.oid, c.oid, c.conrelid
        FROM pg_catalog.pg_constraint c
        JOIN pg_catalog.pg_constraint p ON p.oid = c.conparentid AND p.conrelid = c.conrelid
        WHERE c.conparentid <> 0 AND p.conparentid = 0
        UNION ALL
        SELECT f.root, c.oid, c.conrelid
        FROM pg_catalog.pg_constraint c JOIN clones f ON c.conparentid = f.oid AND c.conrelid = f.conrelid),
      -- Only constraints with clones recurse: seeded with every constraint, the recursion's estimate
      -- was large enough for the planner to JIT-compile the query, which took longer than running it.
      -- Grouped once and joined: a subquery per constraint would scan all the clones each time.
      -- As JSON, which the client parses natively, not as an array literal it parses by hand.
      families AS (SELECT root, pg_catalog.array_to_json(pg_catalog.array_agg(oid)) AS oids FROM clones GROUP BY root)
      -- Sorted first, deparsed after: the outer query's order is the subquery's, so rows leave as
      -- each is deparsed instead of all waiting for a sort of the deparsed text.
      SELECT s.classid, s.class_classid, s.oid, s.clone_oids, s.index_oid, s.schema, s.table, s.name, s.type,
             ${portableDeparse('pg_catalog.pg_get_constraintdef(s.oid)')} AS definition,
             s.validated, s.deferrable, s.deferred, s.key,
             -- A partition holds a clone of its parent's keys and foreign keys, and its checks
             -- under their own names: each stays the partition's own once it is detached.
             CASE WHEN s.partitioned THEN (
               SELECT pg_catalog.json_agg(pg_catalog.json_build_array(cn.nspname, ct.relname, cc.conname))
               FROM pg_catalog.pg_inherits h
               JOIN pg_catalog.pg_constraint cc ON cc.conrelid = h.inhrelid
               JOIN pg_catalog.pg_class ct ON ct.oid = cc.conrelid
               JOIN pg_catalog.pg_namespace cn ON cn.oid = ct.relnamespace
               WHERE h.inhparent = s.table_oid
                 AND CASE WHEN s.type = 'c' THEN cc.contype = 'c' AND cc.conname = s.name AND cc.coninhcount > 0
                          ELSE cc.conparentid = s.oid END) END AS copies,
             CASE WHEN s.type IN ('p', 'u', 'x') THEN (
               SELECT pg_catalog.string_agg(pg_catalog.quote_ident(o.option_name) || '='
                        || pg_catalog.quote_literal(o.option_value), ', ' ORDER BY o.option_name)
               FROM pg_catalog.pg_options_to_table(s.key_options) o) END AS storage
      FROM (
        SELECT 'pg_constraint'::regclass::oid AS classid, 'pg_class'::regclass::oid AS class_classid,
               con.oid, fam.oids AS clone_oids, t.oid AS table_oid, t.relkind = 'p' AS partitioned,
               CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS index_oid,
               n.nspname AS schema, t.relname AS table,
               con.conname AS name, con.contype::text AS type,
               con.convalidated AS validated, con.condeferrable AS deferrable, con.condeferred AS deferred,
               CASE WHEN con.contype = 'f' THEN ki.relname END AS key, ki.reloptions AS key_options
        FROM pg_catalog.pg_constraint con
        LEFT JOIN families fam ON fam.root = con.oid
        JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_catalog.pg_class ki ON ki.oid = con.conindid
        WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conislocal AND con.conparentid = 0
          AND t.relkind IN ('r', 'p') AND NOT (t.relispartition AND con.coninhcount > 0)
          AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 't.oid')}
        ORDER BY n.nspname, t.relname, con.conname) s
      ORDER BY s.schema, s.table, s.name`, (r) => {
      const [schema, tableName] = [shared(r.schema), shared(r.table)];
      const table = shared(factId('table', schema, tableName));
      const refs = [objectRef(r.classid, r.oid)];
      for (const oid of r.clone_oids ?? []) refs.push(objectRef(r.classid, oid));
      if (r.index_oid !== null) refs.push(objectRef(r.class_classid, r.index_oid));
      const payload: ConstraintPayload = {
        definition: portableNames(portableArrayCasts(r.type === 'x' ? portableKeyExpressions(withoutFlags(r)) : withoutFlags(r)), serverVersion, 'constraint'),
        deferrable: r.deferrable,
        deferred: r.deferred,
        validated: r.validated,
        key: r.key,
        storage: r.storage,
      };
      return {
        id: factId('constraint', schema, tableName, r.name),
        kind: 'constraint',
        name: [schema, tableName, r.name],
        parent: table,
        payload,
        info: constraintInfo(r),
        deps: [table],
        refs,
      };
    });
  },
};
