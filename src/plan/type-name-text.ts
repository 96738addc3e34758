import { qualify } from '../sql/quote.js';

/** A parse tree's TypeName, as libpg_query gives it. */
export interface TypeNameNode {
  names?: { String?: { sval: string } }[];
  typmods?: { A_Const?: { ival?: { ival?: number } } }[];
  arrayBounds?: unknown[];
}

/**
 * The SQL names of the types the grammar spells with keywords (`bigint` is `pg_catalog.int8` in the
 * tree), as format_type writes them; `<mods>` marks where a type modifier goes.
 */
const KEYWORD_TYPES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  numeric: 'numeric<mods>',
  varchar: 'character varying<mods>',
  bpchar: 'character<mods>',
  bit: 'bit<mods>',
  varbit: 'bit varying<mods>',
  timestamp: 'timestamp<mods> without time zone',
  timestamptz: 'timestamp<mods> with time zone',
  time: 'time<mods> without time zone',
  timetz: 'time<mods> with time zone',
  interval: 'interval<mods>',
};

/**
 * A type name of a statement written as production's catalog writes the type (format_type), so
 * the two can be compared; undefined for a type modifier that is not a plain number.
 */
export function typeNameText(type: TypeNameNode | undefined): string | undefined {
  const names = (type?.names ?? []).map((n) => n.String?.sval ?? '');
  const mods = (type?.typmods ?? []).map((m) => m.A_Const?.ival?.ival ?? (m.A_Const ? 0 : undefined));
  if (names.length === 0 || mods.some((m) => m === undefined)) return undefined;
  const last = names[names.length - 1]!;
  const builtin = names.length === 1 || names[0] === 'pg_catalog';
  const shape = builtin ? KEYWORD_TYPES[last] : undefined;
  const modifier = mods.length ? `(${mods.join(',')})` : '';
  let text: string;
  if (shape) text = shape.replace('<mods>', modifier);
  else text = `${builtin ? qualify(last) : qualify(...names)}${modifier}`;
  return text + '[]'.repeat(type?.arrayBounds?.length ? 1 : 0);
}
