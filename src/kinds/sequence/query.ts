import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { factWith } from '../../catalog/fact-with.js';

/**
 * What a sequence and an identity column's sequence both hold. Numbers are text, as PostgreSQL
 * writes them: a bigint's bounds do not fit a JavaScript number.
 */
export type SequenceOptions = {
  /** smallint, integer or bigint. */
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
};

/** A sequence's state: what the diff compares and the rule writes. */
export type SequencePayload = SequenceOptions & {
  /** False for an UNLOGGED sequence (PostgreSQL 15 on), which a crash resets. */
  logged: boolean;
  /** The fact id of the column that owns it (OWNED BY), if one does. */
  ownedBy: string | null;
};

/** The sequence's last value, read after the catalog (sequenceValue); its start until then. */
export type SequenceInfo = { current: string };

export type SequenceFact = Fact<SequencePayload, [schema: string, sequence: string], SequenceInfo>;

/** The options come as the payload holds them; the owner as a column's name. */
interface Row extends Omit<SequencePayload, 'ownedBy'> {
  oid: number;
  classid: number;
  schema: string;
  name: string;
  owner_ref: string | null;
  owner: { schema: string; table: string; column: string } | null;
}

/**
 * Sequences a team declares, including those behind `serial` columns. Identity sequences are
 * part of their column's state (the column kind reads them), and the current value is data, not
 * schema.
 */
export const sequenceQuery: KindQuery = {
  kind: 'sequence',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT c.oid, 'pg_class'::regclass::oid AS classid, n.nspname AS schema, c.relname AS name,
             pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
             s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
             s.seqcache::text AS cache, s.seqcycle AS cycle, c.relpersistence <> 'u' AS logged,
             own.refclassid::oid::text || ':' || own.refobjid::text || ':' || own.refobjsubid::text AS owner_ref,
             CASE WHEN own.refobjid IS NOT NULL THEN
               json_build_object('schema', tn.nspname, 'table', t.relname, 'column', a.attname) END AS owner
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
      LEFT JOIN pg_catalog.pg_depend own ON own.classid = 'pg_class'::regclass AND own.objid = c.oid
        AND own.refclassid = 'pg_class'::regclass AND own.refobjsubid > 0 AND own.deptype = 'a'
      LEFT JOIN pg_catalog.pg_class t ON t.oid = own.refobjid
      LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = own.refobjid AND a.attnum = own.refobjsubid
      WHERE c.relkind = 'S' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
          WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.refobjsubid > 0 AND i.deptype = 'i')`);
    return rows.map((r) => {
      const owner = r.owner ? factId('column', r.owner.schema, r.owner.table, r.owner.column) : null;
      const { type, start, increment, min, max, cache, cycle, logged } = r;
      const payload: SequencePayload = { type, start, increment, min, max, cache, cycle, logged, ownedBy: owner };
      return {
        id: factId('sequence', r.schema, r.name),
        kind: 'sequence',
        name: [r.schema, r.name],
        payload,
        // Where the sequence stands is data, but new bounds must still hold it.
        info: { current: r.start } satisfies SequenceInfo,
        sequenceValue: { oid: r.oid, key: 'current' },
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
        // The owning column is where the sequence goes when the column is dropped, not something it
        // needs first: a serial column's default needs the sequence, so OWNED BY comes last.
        resolve: (fact, idOf) => {
          const column = r.owner_ref === null ? undefined : idOf(r.owner_ref);
          if (!column) return fact;
          return factWith(fact, { parent: column, deps: fact.deps.filter((dep) => dep !== column) });
        },
      };
    });
  },
};
