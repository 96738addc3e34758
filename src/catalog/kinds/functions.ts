import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { portableParameterNames } from '../portable-parameter-names.js';
import { isNotExtensionMember, isUserSchema } from '../scope.js';

interface Row {
  classid: number;
  oid: number;
  schema: string;
  name: string;
  prokind: string;
  types: string[];
  identity: string;
  params: string[];
  names: (string | null)[] | null;
  returns: string | null;
  defaults: number;
  definition: string;
}

/**
 * Routines live in one namespace whatever their kind, so every one of them, aggregates included,
 * is addressed as `function:schema.name(type,type)` by the types that tell overloads apart.
 */
export function routineId(schema: string, name: string, types: string[]): string {
  return `${factId('function', schema, name)}(${types.join(',')})`;
}

/** The types of `proargtypes` as format_type writes them: what tells overloads apart. */
export const ARGUMENT_TYPES = `ARRAY(SELECT pg_catalog.format_type(a.t, NULL)
  FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS a(t, i) ORDER BY a.i)`;

/**
 * Functions (plain and window) and procedures in any language. pg_get_functiondef is their whole
 * state as Postgres normalises it — arguments with modes, names and defaults, result, language,
 * volatility, strictness, security, leakproof, parallel, cost, rows, SET, the body (a SQL-standard
 * body deparsed) — and it reads the same on every major from 13 on. What decides whether CREATE OR
 * REPLACE may change a routine in place is information: its kind, result and parameters.
 */
export const functions: KindQuery = {
  kind: 'function',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_proc'::regclass::oid AS classid, p.oid, n.nspname AS schema, p.proname AS name,
             p.prokind::text AS prokind, ${ARGUMENT_TYPES} AS types,
             pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,
             ARRAY(SELECT pg_catalog.concat_ws(' ', a.mode, a.name, pg_catalog.format_type(a.t, NULL))
                   FROM ROWS FROM (pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::pg_catalog.oid[])),
                                   pg_catalog.unnest(p.proargmodes::text[]), pg_catalog.unnest(p.proargnames))
                        WITH ORDINALITY AS a(t, mode, name, i)
                   ORDER BY a.i) AS params,
             p.proargnames AS names,
             pg_catalog.pg_get_function_result(p.oid) AS returns,
             p.pronargdefaults::int AS defaults,
             pg_catalog.pg_get_functiondef(p.oid) AS definition
      FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f', 'w', 'p') AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_proc', 'p.oid')}
        -- A range type's constructors are part of the type: they come and go with it.
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                        WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')`);
    return rows.map((r) => ({
      id: routineId(r.schema, r.name, r.types),
      kind: r.prokind === 'p' ? 'procedure' : 'function',
      name: [r.schema, r.name],
      // The header ends where the language starts; the body after it is left as written.
      payload: { definition: portableParameterNames(r.definition.trimEnd(), r.names ?? [], r.definition.indexOf('\n LANGUAGE ')) },
      info: { identity: portableParameterNames(r.identity, r.names ?? []), prokind: r.prokind, params: r.params, returns: r.returns, defaults: r.defaults },
      deps: [factId('schema', r.schema)],
      refs: [objectRef(r.classid, r.oid)],
    }));
  },
};
