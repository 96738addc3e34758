import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { ARGUMENT_TYPES, portableTypes, routineId } from './routine-id.js';
import { portableNames } from '../../catalog/portable-names.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';

/** A function's or a procedure's state: what the diff compares and the rule writes. */
export type FunctionPayload = {
  /** pg_get_functiondef's CREATE OR REPLACE statement, without its last newline, names portable. */
  definition: string;
};

/**
 * The identity arguments that name the routine among its overloads, and what decides whether
 * CREATE OR REPLACE may change it in place: its kind, result and parameters, and how many of those
 * have defaults.
 */
export type FunctionInfo = { identity: string; prokind: string; params: string[]; returns: string | null; defaults: number };

export type FunctionFact = Fact<FunctionPayload, [schema: string, routine: string], FunctionInfo>;
export const isRoutine = (fact: Fact): fact is FunctionFact => fact.kind === 'function' || fact.kind === 'procedure';

interface Row {
  classid: number;
  oid: number;
  schema: string;
  name: string;
  prokind: string;
  types: string[];
  identity: string;
  params: string[];
  param_types: string[];
  returns: string | null;
  defaults: number;
  definition: string;
}

/** Every parameter of routine `p` with its mode and name, in order: OUT and TABLE ones too. */
const EVERY_PARAMETER = `ROWS FROM (pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::pg_catalog.oid[])),
                     pg_catalog.unnest(p.proargmodes::text[]), pg_catalog.unnest(p.proargnames))
    WITH ORDINALITY AS a(t, mode, name, i) ORDER BY a.i`;

/**
 * Functions (plain and window) and procedures in any language. pg_get_functiondef is their whole
 * state as Postgres normalises it — arguments with modes, names and defaults, result, language,
 * volatility, strictness, security, leakproof, parallel, cost, rows, SET, the body (a SQL-standard
 * body deparsed) — and it reads the same on every major from 13 on. What decides whether CREATE OR
 * REPLACE may change a routine in place is information: its kind, result and parameters.
 */
export const functionQuery: KindQuery = {
  kind: 'function',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_proc'::regclass::oid AS classid, p.oid, n.nspname AS schema, p.proname AS name,
             p.prokind::text AS prokind, ${ARGUMENT_TYPES} AS types,
             pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,
             ARRAY(SELECT pg_catalog.concat_ws(' ', a.mode, a.name) FROM ${EVERY_PARAMETER}) AS params,
             ARRAY(SELECT pg_catalog.format_type(a.t, NULL) FROM ${EVERY_PARAMETER}) AS param_types,
             pg_catalog.pg_get_function_result(p.oid) AS returns,
             p.pronargdefaults::int AS defaults,
             pg_catalog.pg_get_functiondef(p.oid) AS definition
      FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f', 'w', 'p') AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_proc', 'p.oid')}
        -- A range type's constructors are part of the type: they come and go with it.
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                        WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')`);
    return rows.map((r) => {
      const payload: FunctionPayload = { definition: portableNames(r.definition.trimEnd(), serverVersion, 'statement') };
      return {
        id: routineId(r.schema, r.name, portableTypes(r.types, serverVersion)),
        kind: r.prokind === 'p' ? 'procedure' : 'function',
        name: [r.schema, r.name],
        payload,
        info: {
          identity: portableNames(r.identity, serverVersion, 'arguments'),
          prokind: r.prokind,
          params: r.params.map((p, i) => [p, portableNames(r.param_types[i]!, serverVersion, 'name')].filter(Boolean).join(' ')),
          returns: portableNames(r.returns, serverVersion, 'result'),
          defaults: r.defaults,
        } satisfies FunctionInfo,
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
