/**
 * SQL fragments that keep extraction to the objects a team declares: never system schemas, never
 * the tool's own `schema_bot` schema, never objects that belong to an extension, and only the
 * schemas the caller asked for (see `Scope`).
 */
export const RESERVED_SCHEMA = 'schema_bot';
/**
 * Session settings that carry the scope's schema lists into every kind's query, so a kind that
 * filters with isUserSchema honours --include-schema/--exclude-schema without knowing of them.
 */
export const SCOPE_SETTINGS = { include: 'schema_bot.include_schemas', exclude: 'schema_bot.exclude_schemas' };
/** The schema names a setting holds (a JSON array), as a subquery; none when unset. */
const scopeList = (setting) => `(SELECT pg_catalog.json_array_elements_text(
      COALESCE(NULLIF(pg_catalog.current_setting('${setting}', true), ''), '[]')::pg_catalog.json))`;
/** True for a user schema within the scope; `nsp` is an expression of type name. */
export function isUserSchema(nsp) {
    return `(${nsp} NOT IN ('pg_catalog', 'information_schema', '${RESERVED_SCHEMA}')
    AND ${nsp} !~ '^pg_(toast|temp_|toast_temp_)'
    AND ${nsp}::text NOT IN ${scopeList(SCOPE_SETTINGS.exclude)}
    AND (COALESCE(pg_catalog.current_setting('${SCOPE_SETTINGS.include}', true), '') = ''
      OR ${nsp}::text IN ${scopeList(SCOPE_SETTINGS.include)}))`;
}
/** True when the object `(catalog, oid)` is not a member of an extension. */
export function isNotExtensionMember(catalog, oid) {
    return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext
    WHERE ext.classid = '${catalog}'::regclass AND ext.objid = ${oid} AND ext.deptype = 'e')`;
}
//# sourceMappingURL=scope.js.map