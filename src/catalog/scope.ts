/**
 * SQL fragments that keep extraction to the objects a team declares: never system schemas, never
 * the tool's own `schema_bot` schema, never objects that belong to an extension.
 */
export const RESERVED_SCHEMA = 'schema_bot';

/** True for a user schema; `nsp` is an expression of type name. */
export function isUserSchema(nsp: string): string {
  return `(${nsp} NOT IN ('pg_catalog', 'information_schema', '${RESERVED_SCHEMA}')
    AND ${nsp} !~ '^pg_(toast|temp_|toast_temp_)')`;
}

/** True when the object `(catalog, oid)` is not a member of an extension. */
export function isNotExtensionMember(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext
    WHERE ext.classid = '${catalog}'::regclass AND ext.objid = ${oid} AND ext.deptype = 'e')`;
}
