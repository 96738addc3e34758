import { qualify, quoteIdent } from '../sql/quote.js';
import { from, names, textOf, unevaluable, type Node, type ProbeSite, type RowProbe } from './row-probe.js';
import { typeNameText, type TypeNameNode } from './type-name-text.js';

/**
 * The length coercions whose assignment form fails where the explicit cast cuts: PostgreSQL
 * converts ALTER COLUMN … TYPE's values (the column's or the USING expression's) by assignment,
 * so `'abcdef'` into varchar(3) fails, while `'abcdef'::varchar(3)` is `abc`. Each is the type's
 * length function, called as assignment calls it (isExplicit false), with the typmod it stores.
 */
const LENGTH_COERCIONS: Record<string, { typmod: (n: number) => number }> = {
  varchar: { typmod: (n) => n + 4 },
  bpchar: { typmod: (n) => n + 4 },
  bit: { typmod: (n) => n },
  varbit: { typmod: (n) => n },
};

/** The type of a parse tree as SQL that means exactly it (`char` is `pg_catalog.bpchar(1)`), or undefined. */
function typeSql(type: TypeNameNode & { pct_type?: boolean; setof?: boolean }): string | undefined {
  const mods = (type.typmods ?? []).map((m) => m.A_Const?.ival?.ival ?? (m.A_Const ? 0 : undefined));
  if (type.pct_type || type.setof || mods.some((m) => m === undefined)) return undefined;
  return `${qualify(...names(type.names))}${mods.length ? `(${mods.join(', ')})` : ''}${'[]'.repeat(type.arrayBounds?.length ?? 0)}`;
}

/** `value` converted to `type` as an assignment converts it. */
function assigned(value: string, type: TypeNameNode): string | undefined {
  const target = typeSql(type);
  if (target === undefined) return undefined;
  const parts = names(type.names);
  const base = parts[parts.length - 1]!;
  const coercion = LENGTH_COERCIONS[base];
  const mods = type.typmods ?? [];
  if (!coercion || (parts.length > 1 && parts[0] !== 'pg_catalog') || mods.length !== 1) return `CAST(${value} AS ${target})`;
  const unbounded = `pg_catalog.${quoteIdent(base)}`;
  const fitted = (v: string) => `pg_catalog."${base}"(CAST(${v} AS ${unbounded}), ${coercion.typmod(mods[0]!.A_Const!.ival!.ival!)}, false)`;
  if (!type.arrayBounds?.length) return fitted(value);
  // An array converts element by element; only whether one fails matters here.
  return `ARRAY(SELECT ${fitted('e.v')} FROM pg_catalog.unnest(CAST(${value} AS ${unbounded}[])) AS e(v))`;
}

/**
 * ALTER COLUMN … TYPE fails when a value of production does not convert: the probe converts every
 * value as the statement will, and an error it raises is the statement's.
 */
export async function typeChangeProbe(site: ProbeSite, column: string, def: Node): Promise<RowProbe | string> {
  const { table, statement } = site;
  const col = quoteIdent(column);
  const using = def.raw_default === undefined ? col : textOf(statement).clauseAfter(Number(def.location), 'USING');
  if (using === undefined) return 'its USING expression could not be read';
  const refused = site.plan.unreadable(table, [column]) ?? (await unevaluable(site, def.raw_default ?? null));
  if (refused) return refused;
  const type = def.typeName as TypeNameNode;
  const conversion = assigned(`(${using})`, type);
  if (conversion === undefined) return 'its type could not be read';
  const shown = typeNameText(type) ?? typeSql(type);
  return {
    statement,
    sql: `SELECT pg_catalog.count(${conversion}) < 0 AS fails FROM ${from(table, !site.inherit)}`,
    scans: [table],
    evaluates: true,
    failure: `changes ${col} of ${table} to ${shown}, and a value of it does not convert`,
    fix: [`UPDATE ${table} SET ${col} = <a value that converts> WHERE <it does not>;  -- above this statement, or a USING that converts every value`],
  };
}
