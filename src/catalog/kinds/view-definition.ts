import { loadModule, parseSync } from 'libpg-query';
import { cutByteRanges } from '../cut-byte-ranges.js';

let ready: Promise<void> | undefined;

/** The parser is WebAssembly and loads once, before the first definition is normalised. */
export async function loadViewDefinitionParser(): Promise<void> {
  ready ??= loadModule();
  await ready;
}

type Node = { [key: string]: unknown };

/** The name a FROM item's columns are qualified with: its alias, else its relation's name. */
function refname(item: Node): string | undefined {
  const [type, body] = Object.entries(item)[0] as [string, Node];
  const alias = (body.alias as Node | undefined)?.aliasname as string | undefined;
  return alias ?? (type === 'RangeVar' ? (body.relname as string) : undefined);
}

/**
 * Locations of the column references of one query level that name `prefix`, outside nested
 * queries: a sub-select qualifies its own references on every server version.
 */
function qualifiedRefs(node: unknown, prefix: string, out: number[]): number[] {
  if (Array.isArray(node)) {
    for (const child of node) qualifiedRefs(child, prefix, out);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === 'SelectStmt') continue;
      if (key === 'SubLink') {
        qualifiedRefs((value as Node).testexpr, prefix, out);
        continue;
      }
      if (key === 'ColumnRef') {
        const fields = (value as Node).fields as Node[];
        const first = (fields[0]?.String as Node | undefined)?.sval;
        if (fields.length === 2 && first === prefix && fields[1]!.String) out.push((value as Node).location as number);
        continue;
      }
      qualifiedRefs(value, prefix, out);
    }
  }
  return out;
}

/**
 * pg_get_viewdef's text, made comparable across servers. Up to PostgreSQL 15 a view's query
 * carried two hidden range entries (OLD and NEW), so a query reading one relation qualified every
 * column with it (`SELECT users.id FROM users`); from 16 on the same view reads `SELECT id FROM
 * users`. Those qualifiers are cut, at the positions the parser reports, so the rest of the text
 * stays exactly as the server wrote it.
 */
export function normaliseViewDefinition(definition: string): string {
  let normalised = NORMALISED.get(definition);
  if (normalised === undefined) {
    if (NORMALISED.size >= NORMALISED_LIMIT) NORMALISED.clear();
    NORMALISED.set(definition, (normalised = normalise(definition)));
  }
  return normalised;
}

/**
 * Normalised definitions by the server's text. The two sides of a diff mostly hold the same views,
 * and parsing is nearly all of what normalising costs (a quarter of a millisecond a view): the
 * second side's equal views are not parsed again. The result depends on the text alone; the bound
 * keeps a long-lived process from holding every definition it ever read.
 */
const NORMALISED = new Map<string, string>();
const NORMALISED_LIMIT = 10_000;

function normalise(definition: string): string {
  const text = definition.trim().replace(/;$/, '');
  const select = parseSync(text).stmts?.[0]?.stmt as { SelectStmt?: Node } | undefined;
  const from = select?.SelectStmt?.fromClause as Node[] | undefined;
  const prefix = from?.length === 1 ? refname(from[0]!) : undefined;
  if (!prefix) return text;
  const { fromClause: _from, withClause: _with, ...level } = select!.SelectStmt!;
  const starts = new Set(qualifiedRefs(level, prefix, []));
  if (starts.size === 0) return text;
  const bytes = Buffer.from(text, 'utf8');
  const cuts = [...starts].sort((a, b) => a - b).flatMap((start): [number, number][] => {
    const end = qualifierEnd(bytes, start);
    return end === undefined ? [] : [[start, end]];
  });
  return cutByteRanges(text, cuts);
}

const DOT = 0x2e;
const QUOTE = 0x22;
const isIdentifierByte = (b: number) =>
  (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x24 || b >= 0x80;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Where the qualifier that starts at `start` ends, past its dot: the name as the server printed it,
 * plain or double-quoted (with "" inside), then the dot. Reading that one name by hand spares a
 * scan of the whole definition into tokens, which costs more than parsing it.
 */
function qualifierEnd(bytes: Buffer, start: number): number | undefined {
  let at = start;
  if (bytes[at] === QUOTE) {
    for (at++; at < bytes.length; at++) {
      if (bytes[at] !== QUOTE) continue;
      if (bytes[at + 1] !== QUOTE) break;
      at++;
    }
    at++;
  } else {
    while (at < bytes.length && isIdentifierByte(bytes[at]!)) at++;
  }
  if (at === start) return undefined;
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  return bytes[at] === DOT ? at + 1 : undefined;
}
