import type { Queryable } from './queryable.js';
import { isUserSchema } from './scope.js';

/**
 * Every catalog that holds objects a user can create in a database, with the schema an object
 * lives in (NULL for objects outside schemas, or the schema of the table a trigger, rule or policy
 * is on). Sub-objects (columns, defaults, constraints) are left to the kinds of their owners.
 */
const OBJECT_CATALOGS: [catalog: string, alias: string, namespace: string, filter?: string, rows?: string][] = [
  // TOAST tables and their indexes (a third of a large schema's relations) are outside user schemas.
  ['pg_class', 'c', 'c.relnamespace', `c.relnamespace <> 'pg_toast'::pg_catalog.regnamespace`],
  ['pg_proc', 'p', 'p.pronamespace'],
  ['pg_type', 't', 't.typnamespace'],
  // A constraint's own triggers (four per foreign key) are its parts: left out before the lookup.
  ['pg_trigger', 'tg', '(SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = tg.tgrelid)', 'NOT tg.tgisinternal'],
  ['pg_rewrite', 'rw', '(SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = rw.ev_class)'],
  ['pg_policy', 'pol', '(SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = pol.polrelid)'],
  ['pg_statistic_ext', 'st', 'st.stxnamespace'],
  ['pg_operator', 'o', 'o.oprnamespace'],
  ['pg_opclass', 'oc', 'oc.opcnamespace'],
  ['pg_opfamily', 'opf', 'opf.opfnamespace'],
  ['pg_collation', 'co', 'co.collnamespace'],
  ['pg_conversion', 'cv', 'cv.connamespace'],
  ['pg_ts_config', 'tc', 'tc.cfgnamespace'],
  ['pg_ts_dict', 'td', 'td.dictnamespace'],
  ['pg_ts_parser', 'tp', 'tp.prsnamespace'],
  ['pg_ts_template', 'tt', 'tt.tmplnamespace'],
  ['pg_cast', 'ca', 'NULL::oid'],
  ['pg_foreign_data_wrapper', 'fdw', 'NULL::oid'],
  ['pg_foreign_server', 'srv', 'NULL::oid'],
  // pg_user_mapping holds passwords and only a superuser reads it; a shadow's sandbox role reads the view.
  ['pg_user_mapping', 'um', 'NULL::oid', undefined, '(SELECT umid AS oid FROM pg_catalog.pg_user_mappings)'],
  ['pg_event_trigger', 'et', 'NULL::oid'],
  ['pg_publication', 'pub', 'NULL::oid'],
  ['pg_language', 'lan', 'NULL::oid'],
  ['pg_transform', 'trf', 'NULL::oid'],
  ['pg_am', 'am', 'NULL::oid'],
  ['pg_extension', 'x', 'NULL::oid'],
];

/**
 * The catalog address (`classid:objid:0`) of every user object that is not part of another (array
 * and row types, a key's index, a view's _RETURN rule, a partition's clone of its parent's index)
 * nor a member of an extension. It needs no fact, so it is read beside the kinds' queries rather
 * than after them; the exclusions are one pass over pg_depend joined by hash.
 */
export async function readObjectCandidates(db: Queryable): Promise<string[]> {
  const candidates = OBJECT_CATALOGS.map(
    ([catalog, alias, namespace, filter, rows]) => `
      SELECT '${catalog}'::regclass::oid AS classid, ${alias}.oid AS objid, ${namespace} AS nsp
      FROM ${rows ?? `pg_catalog.${catalog}`} ${alias} WHERE ${alias}.oid >= 16384${filter ? ` AND ${filter}` : ''}`,
  ).join('\n      UNION ALL');
  const { rows } = await db.query<{ ref: string }>(`
    WITH excluded AS (
      SELECT DISTINCT d.classid, d.objid FROM pg_catalog.pg_depend d
      WHERE d.deptype IN ('e', 'i', 'P', 'S') AND d.objid >= 16384),
    candidate AS (${candidates})
    SELECT o.classid::text || ':' || o.objid::text || ':0' AS ref
    FROM candidate o
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.nsp
    LEFT JOIN excluded x ON x.classid = o.classid AND x.objid = o.objid
    WHERE (o.nsp IS NULL OR ${isUserSchema('n.nspname')}) AND x.objid IS NULL`);
  return rows.map((r) => r.ref);
}

/**
 * The candidates that no extracted fact answers to, as `<type> <identity>` (`view public.v`,
 * `function public.f(integer)`), sorted. An object counts as modelled when a fact names its
 * catalog address or that of an object inseparable from it (a composite type's relation and
 * row type), so a new kind silences its objects here by declaring its refs, with no change here.
 * Only the candidates no fact names have their parts looked up and are described, in the
 * catalog's transaction: each costs the server a lookup, and nearly every object is modelled
 * (looking up every candidate's parts was a sixth of a large catalog's server time).
 */
export async function describeUnmodelled(db: Queryable, candidates: string[], modelled: (ref: string) => boolean): Promise<string[]> {
  const unnamed = candidates.filter((ref) => !modelled(ref));
  if (unnamed.length === 0) return [];
  const { rows } = await db.query<{ parts: string; description: string }>(
    `SELECT i.type || ' ' || i.identity AS description,
            COALESCE((SELECT pg_catalog.string_agg(d.classid::oid::text || ':' || d.objid::text || ':0', ',')
                      FROM pg_catalog.pg_depend d
                      WHERE d.refclassid = o.classid AND d.refobjid = o.objid AND d.deptype = 'i'), '') AS parts
     FROM (SELECT pg_catalog.split_part(r, ':', 1)::oid AS classid, pg_catalog.split_part(r, ':', 2)::oid AS objid
           FROM pg_catalog.unnest($1::text::text[]) AS r) o,
          pg_catalog.pg_identify_object(o.classid, o.objid, 0) AS i`,
    // An array literal: node-postgres and PGlite pass text alike. Addresses hold no quotes or commas.
    [`{${unnamed.join(',')}}`],
  );
  return rows.filter((r) => r.parts === '' || !r.parts.split(',').some(modelled)).map((r) => r.description).sort();
}
