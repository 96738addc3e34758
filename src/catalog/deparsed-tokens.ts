/** A token of SQL text as a server's deparser writes it, with its UTF-8 byte range. */
export interface DeparsedToken {
  /**
   * `word`: an unquoted identifier or keyword (the deparser writes keywords in upper case and
   * identifiers in lower case, quoting any other); `name`: a double-quoted identifier; `literal`: a
   * string or a number; `symbol`: an operator or punctuation.
   */
  type: 'word' | 'name' | 'literal' | 'symbol';
  /** As written. */
  text: string;
  /** Of a word or a name, the identifier it stands for: folded to lower case, or unquoted. */
  value?: string;
  start: number;
  end: number;
}

export const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isIdentifierStart = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || b >= 0x80;
export const isIdentifierPart = (b: number) => isIdentifierStart(b) || isDigit(b) || b === 0x24;
const OPERATOR_CHARS = new Set([...'+-*/<>=~!@#%^&|`?'].map((c) => c.charCodeAt(0)));
const PUNCTUATION = new Set([...'()[],;'].map((c) => c.charCodeAt(0)));
export const [QUOTE, DOUBLE_QUOTE, BACKSLASH, DOT, COLON] = [0x27, 0x22, 0x5c, 0x2e, 0x3a];
/** Letters that make the quote after them a string of another form: E'…', B'…', X'…', N'…'. */
const STRING_PREFIXES = new Set(['e', 'b', 'x', 'n']);

/**
 * The tokens of text that a PostgreSQL deparser wrote (pg_get_viewdef, pg_get_indexdef, …). It is
 * enough for that text, which holds no comments and no dollar quotes: text with either, with an
 * unterminated quote or with a character no token starts with gives undefined, so that a caller
 * leaves the text alone or asks the full parser rather than guess. Reading deparsed text this way
 * spares loading libpg_query's WebAssembly, a real cost to a catalog read (bench/NOTES.md).
 */
export function deparsedTokens(text: string): DeparsedToken[] | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const tokens: DeparsedToken[] = [];
  const push = (type: DeparsedToken['type'], start: number, end: number, value?: string) =>
    tokens.push({ type, text: bytes.toString('utf8', start, end), ...(value === undefined ? {} : { value }), start, end });
  let at = 0;
  while (at < bytes.length) {
    const b = bytes[at]!;
    const start = at;
    if (isSpace(b)) {
      at++;
    } else if (b === DOUBLE_QUOTE) {
      const end = quotedEnd(bytes, at, DOUBLE_QUOTE, false);
      if (end === undefined) return undefined;
      push('name', start, end, bytes.toString('utf8', start + 1, end - 1).replaceAll('""', '"'));
      at = end;
    } else if (b === QUOTE) {
      const end = quotedEnd(bytes, at, QUOTE, false);
      if (end === undefined) return undefined;
      push('literal', start, end);
      at = end;
    } else if (isIdentifierStart(b)) {
      while (at < bytes.length && isIdentifierPart(bytes[at]!)) at++;
      const word = bytes.toString('utf8', start, at);
      if (bytes[at] === QUOTE && STRING_PREFIXES.has(word.toLowerCase())) {
        const end = quotedEnd(bytes, at, QUOTE, word.toLowerCase() === 'e');
        if (end === undefined) return undefined;
        push('literal', start, end);
        at = end;
      } else if (bytes[at] === QUOTE || (bytes[at] === 0x26 && word.toLowerCase() === 'u')) {
        // Another prefixed form (U&'…', U&"…") is left to the full parser.
        return undefined;
      } else {
        // PostgreSQL folds only ASCII letters of an unquoted identifier.
        push('word', start, at, word.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
      }
    } else if (isDigit(b) || (b === DOT && isDigit(bytes[at + 1] ?? 0))) {
      while (at < bytes.length && (isDigit(bytes[at]!) || bytes[at] === DOT)) at++;
      if ((bytes[at] === 0x65 || bytes[at] === 0x45) && (isDigit(bytes[at + 1] ?? 0) || ((bytes[at + 1] === 0x2b || bytes[at + 1] === 0x2d) && isDigit(bytes[at + 2] ?? 0)))) {
        at += 2;
        while (at < bytes.length && isDigit(bytes[at]!)) at++;
      }
      push('literal', start, at);
    } else if (b === COLON) {
      at += bytes[at + 1] === COLON ? 2 : 1;
      push('symbol', start, at);
    } else if (b === DOT || PUNCTUATION.has(b)) {
      push('symbol', start, ++at);
    } else if (OPERATOR_CHARS.has(b)) {
      while (at < bytes.length && OPERATOR_CHARS.has(bytes[at]!)) at++;
      const operator = bytes.toString('latin1', start, at);
      if (operator.includes('--') || operator.includes('/*')) return undefined;
      push('symbol', start, at);
    } else {
      return undefined;
    }
  }
  return tokens;
}

/** The end of the quoted text that opens at `at`, past its closing quote (doubled quotes inside). */
export function quotedEnd(bytes: Buffer, at: number, quote: number, backslashEscapes: boolean): number | undefined {
  for (let i = at + 1; i < bytes.length; i++) {
    if (backslashEscapes && bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === quote) {
      if (bytes[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return undefined;
}
