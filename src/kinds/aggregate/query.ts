import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { ARGUMENT_TYPES, portableTypes, routineId } from '../function/routine-id.js';

/**
 * An aggregate's state, as CREATE AGGREGATE names its options: support functions by name
 * (schema-qualified unless built in), null where there is none; types as format_type writes them.
 */
export type AggregatePayload = {
  /** The identity arguments, as pg_get_function_identity_arguments writes them. */
  arguments: string;
  /** normal, ordered-set or hypothetical. */
  kind: string;
  sfunc: string;
  stype: string;
  sspace: number;
  finalfunc: string | null;
  finalfuncExtra: boolean;
  /** READ_ONLY, SHAREABLE or READ_WRITE. */
  finalfuncModify: string;
  combinefunc: string | null;
  serialfunc: string | null;
  deserialfunc: string | null;
  initcond: string | null;
  msfunc: string | null;
  minvfunc: string | null;
  mstype: string | null;
  msspace: number;
  mfinalfunc: string | null;
  mfinalfuncExtra: boolean;
  mfinalfuncModify: string;
  minitcond: string | null;
  /** `OPERATOR(schema.op)`. */
  sortop: string | null;
  /** SAFE, RESTRICTED or UNSAFE. */
  parallel: string;
};

/** The identity arguments that name the aggregate among its overloads, and its result, which CREATE OR REPLACE cannot change. */
export type AggregateInfo = { identity: string; returns: string };

export type AggregateFact = Fact<AggregatePayload, [schema: string, aggregate: string], AggregateInfo>;

/** The payload's fields as the catalog spells them (codes, not words), and the routine's identity. */
type Row = Omit<AggregatePayload, 'arguments'> & {
  classid: number;
  oid: number;
  schema: string;
  name: string;
  types: string[];
  identity: string;
  returns: string;
};

/** A support function by name, schema-qualified unless it is a built-in. */
const support = (column: string) => `CASE WHEN a.${column} <> 0 THEN a.${column}::pg_catalog.regproc::text END`;

const MODIFY: Record<string, string> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' };
const PARALLEL: Record<string, string> = { s: 'SAFE', r: 'RESTRICTED', u: 'UNSAFE' };
const KIND: Record<string, string> = { n: 'normal', o: 'ordered-set', h: 'hypothetical' };

/**
 * Aggregates as CREATE AGGREGATE spells them: support functions by name, types as format_type
 * writes them, the sort operator as `OPERATOR(schema.op)`. They share the routines' id space.
 */
export const aggregateQuery: KindQuery = {
  kind: 'aggregate',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_proc'::regclass::oid AS classid, p.oid, n.nspname AS schema, p.proname AS name,
             ${ARGUMENT_TYPES} AS types, pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,
             pg_catalog.pg_get_function_result(p.oid) AS returns, a.aggkind::text AS kind,
             a.aggtransfn::pg_catalog.regproc::text AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,
             a.aggtransspace AS sspace, ${support('aggfinalfn')} AS finalfunc, a.aggfinalextra AS "finalfuncExtra",
             a.aggfinalmodify::text AS "finalfuncModify", ${support('aggcombinefn')} AS combinefunc,
             ${support('aggserialfn')} AS serialfunc, ${support('aggdeserialfn')} AS deserialfunc,
             a.agginitval AS initcond, ${support('aggmtransfn')} AS msfunc, ${support('aggminvtransfn')} AS minvfunc,
             CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,
             a.aggmtransspace AS msspace, ${support('aggmfinalfn')} AS mfinalfunc, a.aggmfinalextra AS "mfinalfuncExtra",
             a.aggmfinalmodify::text AS "mfinalfuncModify", a.aggminitval AS minitcond,
             CASE WHEN a.aggsortop <> 0 THEN
               'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')' END AS sortop,
             p.proparallel::text AS parallel
      FROM pg_catalog.pg_aggregate a
      JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      LEFT JOIN pg_catalog.pg_operator o ON o.oid = a.aggsortop
      LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_proc', 'p.oid')}`);
    // Support functions, types and the sort operator are names; the arguments and result, a signature.
    const name = <T extends string | null>(text: T) => portableNames(text, serverVersion, 'name');
    return rows.map((r) => {
      const identity = portableNames(r.identity, serverVersion, 'arguments');
      const payload: AggregatePayload = {
        arguments: identity,
        kind: KIND[r.kind] ?? r.kind,
        sfunc: name(r.sfunc),
        stype: name(r.stype),
        sspace: r.sspace,
        finalfunc: name(r.finalfunc),
        finalfuncExtra: r.finalfuncExtra,
        finalfuncModify: MODIFY[r.finalfuncModify] ?? r.finalfuncModify,
        combinefunc: name(r.combinefunc),
        serialfunc: name(r.serialfunc),
        deserialfunc: name(r.deserialfunc),
        initcond: r.initcond,
        msfunc: name(r.msfunc),
        minvfunc: name(r.minvfunc),
        mstype: name(r.mstype),
        msspace: r.msspace,
        mfinalfunc: name(r.mfinalfunc),
        mfinalfuncExtra: r.mfinalfuncExtra,
        mfinalfuncModify: MODIFY[r.mfinalfuncModify] ?? r.mfinalfuncModify,
        minitcond: r.minitcond,
        sortop: name(r.sortop),
        parallel: PARALLEL[r.parallel] ?? r.parallel,
      };
      return {
        id: routineId(r.schema, r.name, portableTypes(r.types, serverVersion)),
        kind: 'aggregate',
        name: [r.schema, r.name],
        payload,
        info: { identity, returns: portableNames(r.returns, serverVersion, 'result') } satisfies AggregateInfo,
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
