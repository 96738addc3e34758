import { factId } from '../../catalog/fact-id.js';
import { portableNames } from '../../catalog/portable-names.js';

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

/** ARGUMENT_TYPES' row as every server would write it (portable-names.ts). */
export const portableTypes = (types: string[], serverVersion: number) => types.map((t) => portableNames(t, serverVersion, 'name'));
