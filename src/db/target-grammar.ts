import { scanSync } from 'libpg-query';
import { KEYWORD_SINCE, SETTLED_GRAMMAR } from '../sql/keywords.js';
import { quoteIdent } from '../sql/quote.js';

interface Token { start: number; end: number; text: string; tokenName: string; keywordKind: number }

/** Schema text as the newest grammar reads it, and where quotes went into it. */
export interface RewrittenSource {
  text: string;
  /** The character offsets in `text` of the quotes put in, ascending. */
  quoted: number[];
}

/**
 * Words an older major reads as a keyword of its own where the text says so, and as a name
 * everywhere else: `json` in 16 is the keyword only in `IS [NOT] JSON` and `FORMAT JSON`.
 */
const KEYWORD_AFTER: ReadonlyMap<string, { major: number; after: (previous: string[]) => boolean }> = new Map([
  ['json', { major: 16, after: ([last, before]) => last === 'is' || last === 'format' || (last === 'not' && before === 'is') }],
]);

/**
 * Schema files written for PostgreSQL `major`, rewritten so that the parser, which has the newest
 * grammar, and a shadow of any later major read them as that major does. A word a later major made
 * a keyword (keywords.ts) is a plain name to `major` wherever it stands, so it is quoted there:
 * `create function f(json json)`, as pg_dump of 15 writes it, becomes `f("json" "json")`, which
 * every major reads as 15 reads the original. Text inside strings, bodies and comments is left
 * alone; so is all of it when the target is the newest grammar already or unknown.
 */
export function inNewestGrammar(source: string, major: number | undefined): RewrittenSource {
  const names = namesToOlder(source, major);
  if (names.length === 0) return { text: source, quoted: [] };
  const bytes = Buffer.from(source, 'utf8');
  const parts: string[] = [];
  const quoted: number[] = [];
  let length = 0;
  let last = 0;
  for (const { token, word } of names) {
    const between = bytes.toString('utf8', last, token.start);
    const name = quoteIdent(word);
    parts.push(between, name);
    length += between.length;
    quoted.push(length, length + name.length - 1);
    length += name.length;
    last = token.end;
  }
  parts.push(bytes.toString('utf8', last));
  return { text: parts.join(''), quoted };
}

/**
 * The first major whose grammar reads a name of SQL written for `major` as a keyword, if any: a
 * routine's string body is the author's text, kept as written, which a shadow of that major or a
 * later one cannot check (load-schema.ts).
 */
export function misreadSince(sql: string, major: number | undefined): number | undefined {
  const since = namesToOlder(sql, major).map(({ word }) => KEYWORD_SINCE.get(word)!);
  return since.length ? Math.min(...since) : undefined;
}

/** The keyword tokens of `source` that PostgreSQL `major` reads as names, with the name (folded). */
function namesToOlder(source: string, major: number | undefined): { token: Token; word: string }[] {
  if (major === undefined || major >= SETTLED_GRAMMAR) return [];
  let tokens: Token[];
  try {
    tokens = scanSync(source).tokens as Token[];
  } catch {
    // The parser says what is wrong with it, with its place.
    return [];
  }
  const names: { token: Token; word: string }[] = [];
  const previous: string[] = [];
  for (const token of tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') continue;
    const word = token.text.toLowerCase();
    if (token.keywordKind !== 0 && isNameTo(word, major, previous)) names.push({ token, word });
    previous.unshift(word);
    previous.length = 2;
  }
  return names;
}

/** Whether PostgreSQL `major` reads `word`, after the words before it (latest first), as a name. */
function isNameTo(word: string, major: number, previous: string[]): boolean {
  const since = KEYWORD_SINCE.get(word);
  if (since === undefined || major >= since) return false;
  const keyword = KEYWORD_AFTER.get(word);
  return !(keyword && major >= keyword.major && keyword.after(previous));
}
