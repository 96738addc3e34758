import { loadModule, parseSync } from 'libpg-query';
import { cutByteRanges } from '../../catalog/cut-byte-ranges.js';
import { deparsedTokens, DOT, DOUBLE_QUOTE, isIdentifierPart, isSpace, quotedEnd, type DeparsedToken } from '../../catalog/deparsed-tokens.js';

let ready: Promise<void> | undefined;

/** The parser is WebAssembly and loads once, before the first definition that needs it. */
async function loadParser(): Promise<void> {
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
 * pg_get_viewdef's texts, made comparable across servers. Up to PostgreSQL 15 a view's query
 * carried two hidden range entries (OLD and NEW), so a query reading one relation qualified every
 * column with it (`SELECT users.id FROM users`); from 16 on the same view reads `SELECT id FROM
 * users`. Those qualifiers are cut, at the positions where they stand, so the rest of the text
 * stays exactly as the server wrote it. Most views are one plain SELECT, read from the deparser's
 * tokens; libpg_query's parser is loaded only for a definition that is not (viewQualifiers).
 */
export async function normaliseViewDefinitions(definitions: string[]): Promise<string[]> {
  const normalised = definitions.map((definition) => {
    const known = NORMALISED.get(definition);
    if (known !== undefined) return known;
    const text = withoutTerminator(definition);
    const qualifiers = viewQualifiers(text);
    return qualifiers && remember(definition, qualifiers.length ? cutByteRanges(text, qualifiers) : text);
  });
  if (normalised.includes(undefined)) {
    await loadParser();
    return normalised.map((n, i) => n ?? remember(definitions[i]!, parseAndCut(withoutTerminator(definitions[i]!))));
  }
  return normalised as string[];
}

/**
 * Normalised definitions by the server's text. The two sides of a diff mostly hold the same views:
 * the second side's equal views are not read again. The result depends on the text alone; the
 * bound keeps a long-lived process from holding every definition it ever read.
 */
const NORMALISED = new Map<string, string>();
const NORMALISED_LIMIT = 10_000;

function remember(definition: string, normalised: string): string {
  if (NORMALISED.size >= NORMALISED_LIMIT) NORMALISED.clear();
  NORMALISED.set(definition, normalised);
  return normalised;
}

const withoutTerminator = (definition: string) => definition.trim().replace(/;$/, '');

/** Words that open a query inside the view's query, or join relations: for the full parser. */
const NEEDS_PARSER = new Set(['SELECT', 'WITH', 'VALUES', 'UNION', 'INTERSECT', 'EXCEPT', 'JOIN', 'LATERAL', 'TABLESAMPLE']);
/** Words that end the top level's FROM list. */
const AFTER_FROM = new Set(['WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR']);
/**
 * Keywords after which `rel.name` is a column reference. After any other (`COLLATE s.c`,
 * `CAST(x AS s.t)`) it may name something else, and the full parser decides.
 */
const BEFORE_COLUMN = new Set([
  'SELECT', 'DISTINCT', 'WHERE', 'AND', 'OR', 'NOT', 'BY', 'CASE', 'WHEN', 'THEN', 'ELSE', 'HAVING', 'BETWEEN',
]);

/** A word that is an identifier: the deparser writes keywords in upper case and quotes identifiers that have any. */
const isIdentifier = (t: DeparsedToken | undefined): t is DeparsedToken =>
  t !== undefined && (t.type === 'name' || (t.type === 'word' && !/[A-Z]/.test(t.text)));

/**
 * The byte ranges of `rel.` in a deparsed view that is one SELECT over one relation `rel` (its
 * alias, else its name), outside nested parentheses' queries, of which it has none: a SELECT with no
 * subquery, set operation, CTE or join, whose FROM is `[ONLY] [schema.]relation [alias]`. Undefined
 * when the text is anything else, for the full parser to read.
 */
function viewQualifiers(text: string): [number, number][] | undefined {
  const tokens = deparsedTokens(text);
  if (!tokens || tokens[0]?.text !== 'SELECT') return undefined;
  let depth = 0;
  let from = -1;
  let fromEnd = tokens.length;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (t.type !== 'word') continue;
    else if (NEEDS_PARSER.has(t.text)) return undefined;
    else if (depth === 0 && t.text === 'FROM') {
      // `x IS DISTINCT FROM y` at the top level reads like a FROM list.
      if (from >= 0 || tokens[i - 1]!.text === 'DISTINCT') return undefined;
      from = i;
    } else if (depth === 0 && from >= 0 && fromEnd === tokens.length && AFTER_FROM.has(t.text)) fromEnd = i;
  }
  if (from < 0) return [];
  const relation = singleRelation(tokens.slice(from + 1, fromEnd));
  if (relation === undefined) return undefined;
  const cuts: [number, number][] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (i === from) i = fromEnd;
    const [before, t, dot, name, after] = [tokens[i - 1]!, tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (!isIdentifier(t) || t.value !== relation || dot?.text !== '.' || !isIdentifier(name)) continue;
    // `s.t.c`, `rel.f(x)` and `rel.c.f` are not a column of rel.
    if (before.text === '.' || after?.text === '.' || after?.text === '(') continue;
    const keyword = before.type === 'word' && /[A-Z]/.test(before.text);
    if ((keyword && !BEFORE_COLUMN.has(before.text)) || before.text === '::') return undefined;
    cuts.push([t.start, dot.end]);
  }
  return cuts;
}

/** The name the columns of a FROM list of one relation are qualified with, if it is one. */
function singleRelation(items: DeparsedToken[]): string | undefined {
  const rest = items[0]?.text === 'ONLY' ? items.slice(1) : items;
  const qualified = rest[1]?.text === '.';
  if (qualified && !isIdentifier(rest[0])) return undefined;
  // The relation and its alias, if any.
  const names = qualified ? rest.slice(2) : rest;
  if (names.length < 1 || names.length > 2 || !names.every(isIdentifier)) return undefined;
  return names[names.length - 1]!.value;
}

/** The qualifiers cut as libpg_query's parse tree places them. */
function parseAndCut(text: string): string {
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

/**
 * Where the qualifier that starts at `start` ends, past its dot: the name as the server printed it,
 * plain or double-quoted (with "" inside), then the dot. Reading that one name by hand spares a
 * scan of the whole definition into tokens, which costs more than parsing it.
 */
function qualifierEnd(bytes: Buffer, start: number): number | undefined {
  let at: number | undefined = start;
  if (bytes[at] === DOUBLE_QUOTE) at = quotedEnd(bytes, at, DOUBLE_QUOTE, false);
  else while (at < bytes.length && isIdentifierPart(bytes[at]!)) at++;
  if (at === undefined || at === start) return undefined;
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  return bytes[at] === DOT ? at + 1 : undefined;
}
