import { forEachNode } from './parse-tree.js';
import type { Statement } from './split-statements.js';

/** The name initdb gives the collation of one ICU locale: the locale's language tag and `-x-icu`. */
const ICU_SUFFIX = '-x-icu';

/**
 * The `<tag>-x-icu` collations the statements name in a COLLATE clause (unqualified or in
 * pg_catalog). A server built with ICU gets one for every ICU locale from initdb; PGlite has ICU
 * but imports none of them (pg_import_system_collations finds no locale list in it), so a PGlite
 * shadow makes those the schema uses, with the same name, schema and locale initdb would give them.
 */
export function icuCollationsNamed(statements: Statement[]): string[] {
  const named = new Set<string>();
  forEachNode(statements, (node) => {
    const names = node.collname as { String?: { sval?: string } }[] | undefined;
    const parts = Array.isArray(names) ? names.map((n) => n.String?.sval) : [];
    const [schema, name] = parts.length === 1 ? ['pg_catalog', parts[0]] : parts;
    if (schema === 'pg_catalog' && name?.endsWith(ICU_SUFFIX) && name.length > ICU_SUFFIX.length) named.add(name);
  });
  return [...named].sort();
}

/** The ICU locale of a collation named `<tag>-x-icu`. */
export const icuLocaleOf = (collation: string): string => collation.slice(0, -ICU_SUFFIX.length);
