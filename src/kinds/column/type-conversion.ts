/**
 * What PostgreSQL does to a column's values when ALTER COLUMN … TYPE changes the type, from the
 * types as format_type writes them: whether it has a conversion of its own (so the statement needs
 * no USING), whether it rewrites the table, and whether a value can fail to convert or come out
 * changed. Without USING, PostgreSQL converts by the assignment cast, which raises an error where
 * an explicit cast truncates (`'abcdef'::varchar(3)` is `abc`, assigning it fails).
 */

/**
 * The built-in casts PostgreSQL applies by assignment or implicitly (pg_cast castcontext 'a' or
 * 'i') between types a column may have, source to targets; a type to itself (a typmod change) and
 * any type to a string type (by its text form) need no entry. Checked against pg_cast on a real
 * server by test/engine/type-conversions.test.ts.
 */
export const ASSIGNMENT_CASTS: Record<string, readonly string[]> = {
  smallint: ['integer', 'bigint', 'real', 'double precision', 'numeric'],
  integer: ['smallint', 'bigint', 'real', 'double precision', 'numeric', 'money'],
  bigint: ['smallint', 'integer', 'real', 'double precision', 'numeric', 'money'],
  real: ['smallint', 'integer', 'bigint', 'double precision', 'numeric'],
  'double precision': ['smallint', 'integer', 'bigint', 'real', 'numeric'],
  numeric: ['smallint', 'integer', 'bigint', 'real', 'double precision', 'money'],
  money: ['numeric'],
  date: ['timestamp without time zone', 'timestamp with time zone'],
  'timestamp without time zone': ['date', 'time without time zone', 'timestamp with time zone'],
  'timestamp with time zone': ['date', 'time without time zone', 'timestamp without time zone', 'time with time zone'],
  'time without time zone': ['interval', 'time with time zone'],
  'time with time zone': ['time without time zone'],
  interval: ['time without time zone'],
  json: ['jsonb'],
  jsonb: ['json'],
  cidr: ['inet'],
  inet: ['cidr'],
  macaddr: ['macaddr8'],
  macaddr8: ['macaddr'],
  bit: ['bit varying'],
  'bit varying': ['bit'],
  text: ['"char"'],
  'character varying': ['"char"'],
  character: ['"char"'],
};

/** The string category (typcategory 'S'): every type converts to them by assignment, through its text form. */
export const STRINGS = new Set(['text', 'character varying', 'character', 'name']);

/** A type as format_type writes it: its name, its typmod arguments, whether it is an array of it. */
interface TypeName {
  base: string;
  mods: number[];
  array: boolean;
}

function parse(type: string): TypeName {
  const array = type.endsWith('[]');
  const text = array ? type.slice(0, -2) : type;
  // `timestamp(3) with time zone` carries its typmod inside the name.
  const match = /^([^(]*)\(([\d,]+)\)(.*)$/.exec(text);
  if (!match) return { base: text, mods: [], array };
  return { base: `${match[1]}${match[3]}`, mods: match[2]!.split(',').map(Number), array };
}

/** Whether PostgreSQL converts `from` to `to` without USING (an assignment, implicit or array cast). */
export function hasAssignmentCast(from: string, to: string): boolean {
  const [a, b] = [parse(from), parse(to)];
  if (STRINGS.has(b.base) && !b.array) return true;
  if (a.array !== b.array) return false;
  // An array converts element by element, by the elements' own conversion.
  return a.base === b.base || STRINGS.has(b.base) || (ASSIGNMENT_CASTS[a.base]?.includes(b.base) ?? false);
}

/**
 * What a conversion can do to a value: nothing (every value converts unchanged), fail (a value
 * that does not fit stops the statement and nothing changes), or lose (a value converts to
 * another: rounded, truncated, its time zone dropped). Unknown pairs may lose.
 */
export type ConversionRisk = 'none' | 'may-fail' | 'may-lose';

/** The digits before the point a numeric needs to hold every value of each integer type. */
const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };

/** Types each of which holds every value of those before it. */
const LADDERS = [
  ['smallint', 'integer', 'bigint', 'numeric'],
  ['real', 'double precision'],
  ['date', 'timestamp without time zone', 'timestamp with time zone'],
];

/** Fractional-second precision when a time type has no typmod. */
const DEFAULT_SECONDS_DIGITS = 6;
const TIMES = new Set(['timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone', 'interval']);

/** Types an integer or float converts to exactly (float8 holds 53 bits, float4 24). */
const EXACT_FLOATS: Record<string, readonly string[]> = {
  smallint: ['real', 'double precision'],
  integer: ['double precision'],
};

/**
 * The risk of converting `from` to `to` by the assignment cast or, with `explicit`, by an explicit
 * cast to `to` (USING col::to), which truncates strings and bit strings to the new length instead of
 * failing.
 */
export function conversionRisk(from: string, to: string, explicit = false): ConversionRisk {
  if (from === to) return 'none';
  const [a, b] = [parse(from), parse(to)];
  if (a.array !== b.array && !(STRINGS.has(b.base) && !b.array)) return 'may-lose';
  if (STRINGS.has(b.base) && b.base !== 'name' && !b.array) return stringRisk(a, b, explicit);
  if (a.base === b.base) return typmodRisk(a, b, explicit);
  if (b.base === 'numeric' && a.base in INTEGER_DIGITS) {
    return b.mods.length === 0 || b.mods[0]! - (b.mods[1] ?? 0) >= INTEGER_DIGITS[a.base]! ? 'none' : 'may-fail';
  }
  if (a.mods.length === 0 && b.mods.length === 0 && LADDERS.some((l) => l.includes(a.base) && l.indexOf(b.base) > l.indexOf(a.base))) return 'none';
  if (EXACT_FLOATS[a.base]?.includes(b.base)) return 'none';
  if (a.base in INTEGER_DIGITS && b.base in INTEGER_DIGITS) return 'may-fail';
  if (a.base === 'jsonb' && b.base === 'json') return 'none';
  return 'may-lose';
}

/** To a string type: the text form is exact; a length below the old one fails, or truncates when explicit. */
function stringRisk(a: TypeName, b: TypeName, explicit: boolean): ConversionRisk {
  const limit = b.mods[0];
  if (limit === undefined) return 'none';
  const held = STRINGS.has(a.base) && !a.array ? a.mods[0] : undefined;
  if (held !== undefined && held <= limit) return 'none';
  // A too long character value fails to assign (unless only spaces are cut); bit strings alike.
  return explicit ? 'may-lose' : 'may-fail';
}

/** The same type with another typmod: numeric scale and time precision round, lengths fail or truncate. */
function typmodRisk(a: TypeName, b: TypeName, explicit: boolean): ConversionRisk {
  if (b.mods.length === 0) return 'none';
  if (a.base === 'numeric') {
    if (a.mods.length === 0) return 'may-lose';
    const [p, s = 0] = a.mods;
    const [q, t = 0] = b.mods;
    if (t < s) return 'may-lose';
    return q! - t >= p! - s ? 'none' : 'may-fail';
  }
  if (TIMES.has(a.base)) return (b.mods[0] ?? 0) >= (a.mods[0] ?? DEFAULT_SECONDS_DIGITS) ? 'none' : 'may-lose';
  if (a.mods.length > 0 && b.mods[0]! >= a.mods[0]!) return 'none';
  return explicit ? 'may-lose' : 'may-fail';
}

/** Different types of the same bytes, one converting to the other without a look at the value. */
const SAME_BYTES: Record<string, readonly string[]> = {
  text: ['character varying'],
  'character varying': ['text'],
  cidr: ['inet'],
};

/** Fixed-length types: a new length pads or cuts every value. */
const FIXED_LENGTH = new Set(['character', 'bit']);

/**
 * Whether ALTER COLUMN … TYPE leaves the table's rows as they are: the same bytes and a typmod no
 * stricter (a longer varchar, more numeric digits at the same scale, more fractional seconds), as
 * the types' length-coercion support functions let PostgreSQL prove.
 */
export function keepsRows(from: string, to: string): boolean {
  const [a, b] = [parse(from), parse(to)];
  if (a.array !== b.array || FIXED_LENGTH.has(b.base)) return false;
  if (a.base !== b.base && !(SAME_BYTES[a.base]?.includes(b.base) ?? false)) return false;
  if (b.mods.length === 0) return true;
  if (a.mods.length !== b.mods.length) return false;
  if (a.base === 'numeric') return b.mods[1] === a.mods[1] && b.mods[0]! >= a.mods[0]!;
  return b.mods[0]! >= a.mods[0]!;
}
