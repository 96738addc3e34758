import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { portableNames } from '../../catalog/portable-names.js';
import { isNotExtensionMember } from '../../catalog/scope.js';

/** A cast's state, in the words CREATE CAST uses. */
export type CastPayload = {
  /** The function as regprocedure writes it (`public.f(integer)`), null for a cast without one. */
  function: string | null;
  context: 'explicit' | 'assignment' | 'implicit';
  method: 'function' | 'inout' | 'binary';
};

/** Named by its source and target types, as format_type writes them: quoted and qualified already. */
export type CastFact = Fact<CastPayload, [source: string, target: string]>;

interface Row { classid: number; oid: number; source: string; target: string; function: string | null; context: string; method: string }

/** `pg_cast.castcontext` and `castmethod` as the words CREATE CAST uses. */
const CONTEXTS: Record<string, CastPayload['context']> = { e: 'explicit', a: 'assignment', i: 'implicit' };
const METHODS: Record<string, CastPayload['method']> = { f: 'function', i: 'inout', b: 'binary' };

/**
 * Casts a user created (CREATE CAST), named by their source and target types, which are what
 * identifies one. The types and the function are named as they read with only pg_catalog on the
 * path; pg_depend makes them dependencies.
 */
export const castQuery: KindQuery = {
  kind: 'cast',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_cast'::regclass::oid AS classid, c.oid,
             pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target,
             CASE WHEN c.castfunc <> 0 THEN c.castfunc::pg_catalog.regprocedure::text END AS function,
             c.castcontext::text AS context, c.castmethod::text AS method
      FROM pg_catalog.pg_cast c
      WHERE c.oid >= 16384 AND ${isNotExtensionMember('pg_cast', 'c.oid')}
        -- A range type's cast to its multirange (PostgreSQL 14+) is part of the type: it comes and goes with it.
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                        WHERE i.classid = 'pg_cast'::regclass AND i.objid = c.oid AND i.deptype = 'i')`);
    const name = <T extends string | null>(text: T) => portableNames(text, serverVersion, 'name');
    return rows.map((r) => {
      const [source, target] = [name(r.source), name(r.target)];
      const payload: CastPayload = { function: name(r.function), context: CONTEXTS[r.context]!, method: METHODS[r.method]! };
      return {
        id: factId('cast', source, target),
        kind: 'cast',
        name: [source, target],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
