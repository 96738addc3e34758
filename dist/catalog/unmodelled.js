import { isNotExtensionMember, isUserSchema } from './scope.js';
/**
 * Every catalog that holds objects a user can create in a database, with the schema an object
 * lives in (NULL for objects outside schemas, or the schema of the table a trigger, rule or policy
 * is on). Sub-objects (columns, defaults, constraints) are left to the kinds of their owners.
 */
const OBJECT_CATALOGS = [
    ['pg_class', 'c', 'c.relnamespace'],
    ['pg_proc', 'p', 'p.pronamespace'],
    ['pg_type', 't', 't.typnamespace'],
    ['pg_trigger', 'tg', '(SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = tg.tgrelid)'],
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
    ['pg_user_mapping', 'um', 'NULL::oid'],
    ['pg_event_trigger', 'et', 'NULL::oid'],
    ['pg_publication', 'pub', 'NULL::oid'],
    ['pg_language', 'lan', 'NULL::oid'],
    ['pg_transform', 'trf', 'NULL::oid'],
    ['pg_am', 'am', 'NULL::oid'],
    ['pg_extension', 'x', 'NULL::oid'],
];
/**
 * User objects that no extracted fact answers to, as `<type> <identity>` (`view public.v`,
 * `function public.f(integer)`), sorted. An object counts as modelled when a fact names its
 * catalog address or that of an object inseparable from it (a composite type's relation and
 * row type), so a new kind silences its objects here by declaring its refs, with no change here.
 * Objects that only exist as part of another (array and row types, a key's index, a view's
 * _RETURN rule, a partition's clone of its parent's index) are never candidates.
 */
export async function unmodelledObjects(db, modelled) {
    const candidates = OBJECT_CATALOGS.map(([catalog, alias, namespace]) => `
      SELECT '${catalog}'::regclass::oid AS classid, ${alias}.oid AS objid, ${namespace} AS nsp
      FROM pg_catalog.${catalog} ${alias}
      WHERE ${alias}.oid >= 16384 AND ${isNotExtensionMember(catalog, `${alias}.oid`)}`).join('\n      UNION ALL');
    const { rows } = await db.query(`
    WITH candidate AS (${candidates})
    SELECT o.classid::text || ':' || o.objid::text || ':0' AS ref,
           ARRAY(SELECT d.classid::oid::text || ':' || d.objid::text || ':0' FROM pg_catalog.pg_depend d
                 WHERE d.refclassid = o.classid AND d.refobjid = o.objid AND d.deptype = 'i') AS parts,
           (pg_catalog.pg_identify_object(o.classid, o.objid, 0)).type || ' ' ||
           (pg_catalog.pg_identify_object(o.classid, o.objid, 0)).identity AS description
    FROM candidate o
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.nsp
    WHERE (o.nsp IS NULL OR ${isUserSchema('n.nspname')})
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                      WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype IN ('i', 'P', 'S'))`);
    return rows
        .filter((r) => !modelled.has(r.ref) && !r.parts.some((part) => modelled.has(part)))
        .map((r) => r.description)
        .sort();
}
//# sourceMappingURL=unmodelled.js.map