import { cutByteRanges } from './cut-byte-ranges.js';
import { deparsedTokens, type DeparsedToken as Token } from './deparsed-tokens.js';

/**
 * The word that, at the top level of a parenthesised expression, marks one of the SQL-syntax
 * functions that print their own parentheses, with the words that may come right before it:
 * `x AT TIME ZONE y` and `x IS [NFC|NFD|NFKC|NFKD] NORMALIZED`.
 */
const SELF_PARENTHESISED = new Map([
  ['ZONE', new Set(['TIME'])],
  ['NORMALIZED', new Set(['IS', 'NFC', 'NFD', 'NFKC', 'NFKD'])],
]);

/** A keyword (or an identifier the deparser left unquoted, which never spells these words). */
const word = (t: Token | undefined) => (t?.type === 'word' ? t.text.toUpperCase() : undefined);

/** Tokens after which a parenthesis opens a key element rather than a call or a column list. */
const ELEMENT_START = new Set(['(', ',', 'ON']);

/** For each `(` token, the index of its `)`. */
function matchingCloses(tokens: Token[]): Map<number, number> {
  const closes = new Map<number, number>();
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.text === '(') open.push(i);
    else if (t.text === ')' && open.length > 0) closes.set(open.pop()!, i);
  });
  return closes;
}

function marksSelfParenthesised(tokens: Token[], from: number, to: number, closes: Map<number, number>): boolean {
  for (let i = from; i < to; i++) {
    if (tokens[i]!.text === '(') i = closes.get(i) ?? i;
    else if (SELF_PARENTHESISED.get(word(tokens[i]) ?? '')?.has(word(tokens[i - 1]) ?? '')) return true;
  }
  return false;
}

/**
 * A key element (index key, partition key, exclusion element, statistics expression) that is an
 * AT TIME ZONE or IS NORMALIZED expression: up to PostgreSQL 15 the server wraps it in one more pair
 * of parentheses than it prints itself (`btree (((ts AT TIME ZONE 'utc'::text)))`), from 16 on it
 * does not (`btree ((ts AT TIME ZONE 'utc'::text))`). The extra pair is dropped, so one index reads
 * alike on every major and through PGlite; what is left is the newer servers' text, which every
 * major accepts. Only a pair that opens an element (after `(`, `,` or `ON`) and holds nothing but
 * the other pair is dropped, so a call's or a row's parentheses are never touched.
 */
export function portableKeyExpressions(text: string): string {
  if (!/ ZONE |NORMALIZED/i.test(text)) return text;
  const tokens = deparsedTokens(text);
  if (!tokens) return text;
  const closes = matchingCloses(tokens);
  const dropped = new Set<number>();
  for (const [outer, outerClose] of [...closes].sort(([a], [b]) => a - b)) {
    const inner = outer + 1;
    const before = tokens[outer - 1]?.text.toUpperCase();
    if (before === undefined || !ELEMENT_START.has(before) || dropped.has(outer - 1)) continue;
    if (tokens[inner]?.text !== '(' || closes.get(inner) !== outerClose - 1) continue;
    if (!marksSelfParenthesised(tokens, inner + 1, outerClose - 1, closes)) continue;
    dropped.add(outer).add(outerClose);
  }
  if (dropped.size === 0) return text;
  return cutByteRanges(text, [...dropped].sort((a, b) => a - b).map((i): [number, number] => [tokens[i]!.start, tokens[i]!.end]));
}
