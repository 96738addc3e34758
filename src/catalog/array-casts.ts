import { deparsedTokens, type DeparsedToken as Token } from './deparsed-tokens.js';

/** Tokens a type name may be written with after `::` (`character varying(5)`, `"My Type"`, `s.t`). */
const typeToken = (t: Token) => t.type === 'word' || t.type === 'name' || ['.', '(', ')', ','].includes(t.text) || /^\d+$/.test(t.text);

/** Index of the `]` that closes the `[` at `open`, or undefined. */
function closingBracket(tokens: Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '[') depth++;
    else if (tokens[i]!.text === ']' && --depth === 0) return i;
  }
  return undefined;
}

/** The elements between `[` at `open` and `]` at `close`, as [first, last] token indexes, split at top-level commas. */
function elements(tokens: Token[], open: number, close: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let first = open + 1;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!.text;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') depth--;
    else if (t === ',' && depth === 0) {
      out.push([first, i - 1]);
      first = i + 1;
    }
  }
  out.push([first, close - 1]);
  return out;
}

/**
 * `x IN ('a', 'b')` on a varchar column is stored as `x::text = ANY (ARRAY['a'::varchar, …]::text[])`,
 * a cast of the whole array, and deparses as `((ARRAY['a'::character varying, …])::text[])`. Read back
 * (a schema restored from pg_dump, or a plan written from that text), PostgreSQL pushes that cast into
 * the elements and stores `ARRAY[('a'::character varying)::text, …]`: the same values, another text,
 * so the two sides never compared equal. The array-wide cast is written here the way PostgreSQL reads
 * it back, which it then deparses unchanged. An element cast one by one is what casting the array
 * does, so no two different expressions become one; nested arrays are left as they are.
 */
export function portableArrayCasts(text: string): string {
  if (!text.includes('(ARRAY[')) return text;
  const tokens = deparsedTokens(text);
  if (!tokens) return text;
  const bytes = Buffer.from(text, 'utf8');
  const slice = (from: number, to: number) => bytes.toString('utf8', tokens[from]!.start, tokens[to]!.end);
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]!.text !== '(' || tokens[i + 1]!.text.toUpperCase() !== 'ARRAY' || tokens[i + 2]!.text !== '[') continue;
    const close = closingBracket(tokens, i + 2);
    if (close === undefined || tokens[close + 1]?.text !== ')' || tokens[close + 2]?.text !== '::') continue;
    // The type name runs to the `[]`; its parentheses (a typmod) open and close inside it.
    let end = close + 3;
    for (let depth = 0; end < tokens.length && typeToken(tokens[end]!); end++) {
      const t = tokens[end]!.text;
      if (t === '(') depth++;
      else if (t === ')' && --depth < 0) break;
      else if (t === ',' && depth === 0) break;
    }
    if (end === close + 3 || tokens[end]?.text !== '[' || tokens[end + 1]?.text !== ']' || tokens[end + 2]?.text === '[') continue;
    if (tokens.slice(i + 3, close).some((t) => t.text.toUpperCase() === 'ARRAY')) continue;
    const type = slice(close + 3, end - 1);
    const cast = elements(tokens, i + 2, close).map(([a, b]) => `(${slice(a, b)})::${type}`);
    parts.push(bytes.toString('utf8', copied, tokens[i]!.start), `ARRAY[${cast.join(', ')}]`);
    copied = tokens[end + 1]!.end;
    i = end + 1;
  }
  if (parts.length === 0) return text;
  return parts.join('') + bytes.toString('utf8', copied);
}
