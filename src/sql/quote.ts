import { KEYWORD_SINCE } from './keywords.js';

/**
 * The one place where identifiers and literals become SQL text. Every name the tool writes into a
 * statement goes through quoteIdent, so a table called `select` or `Order Items` is always safe.
 */

// Keywords that cannot be used as a bare column or table name (PostgreSQL "reserved" and
// "reserved (can be function or type)" categories), and those a later major than the oldest
// supported made keywords (keywords.ts: `json` and its kin are "non-reserved (cannot be function or
// type)" from 17 on: a bare parameter or type name no longer parses). Quoting any of them keeps the
// output valid on every supported major version.
const RESERVED = new Set([
  ...KEYWORD_SINCE.keys(),
  ...(
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check ' +
    'collate collation column concurrently constraint create cross current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user default deferrable ' +
    'desc distinct do else end except false fetch for foreign freeze from full grant group having ' +
    'ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps ' +
    'placing primary references returning right select session_user similar some symmetric ' +
    'table tablesample then to trailing true union unique user using variadic verbose ' +
    'when where window with'
  ).split(' '),
]);

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

export function quoteIdent(name: string): string {
  if (SIMPLE.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted only when it must be. */
export function qualify(...parts: string[]): string {
  // Every fact id is made here (hundreds of thousands per diff): no array of quoted parts in between.
  if (parts.length === 0) return '';
  let text = quoteIdent(parts[0]!);
  for (let i = 1; i < parts.length; i++) text += `.${quoteIdent(parts[i]!)}`;
  return text;
}

export function quoteLiteral(value: string): string {
  if (value.includes('\\')) return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return `'${value.replaceAll("'", "''")}'`;
}
