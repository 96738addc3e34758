import { scanSync } from 'libpg-query';
import type { Statement } from '../db/split-statements.js';

interface Token {
  start: number;
  end: number;
  text: string;
  keyword: boolean;
}

/**
 * Parts of a statement as its author wrote them (a CHECK's expression, an index's predicate, a
 * USING clause), found with PostgreSQL's own scanner: the parse tree says what a statement holds
 * but cannot be written back as SQL, so a probe that evaluates an expression takes its text.
 * Positions are the parse tree's: byte offsets into the statement's file.
 */
export class StatementText {
  private readonly bytes: Buffer;
  private readonly tokens: Token[];
  /** Byte offset of the statement in its file, where the parse tree's locations count from. */
  private readonly base: number;

  constructor(statement: Statement) {
    this.bytes = Buffer.from(statement.sql, 'utf8');
    this.base = Buffer.byteLength(statement.source.slice(0, statement.offset), 'utf8');
    this.tokens = scanSync(statement.sql).tokens.map((t) => ({ start: t.start, end: t.end, text: t.text, keyword: t.keywordKind > 0 }));
  }

  /** The text inside the parentheses that follow the first `keyword` at or after `location`. */
  parenthesizedAfter(location: number, keyword: string): string | undefined {
    const at = this.keywordAt(this.firstAt(location), keyword);
    if (at === undefined || this.tokens[at + 1]?.text !== '(') return undefined;
    const close = this.closing(at + 1);
    return close === undefined ? undefined : this.between(at + 2, close - 1);
  }

  /**
   * The text after `keyword` (the first at the depth of `location`, at or after it) up to the next
   * comma at that depth or the statement's end: a USING clause of one ALTER TABLE command, an
   * index's WHERE.
   */
  clauseAfter(location: number, keyword: string): string | undefined {
    const at = this.keywordAt(this.firstAt(location), keyword);
    if (at === undefined) return undefined;
    let last = at;
    for (let i = at + 1, depth = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!.text;
      if (depth === 0 && (t === ',' || t === ';' || t === ')')) break;
      if (t === '(') depth++;
      if (t === ')') depth--;
      last = i;
    }
    return last > at ? this.between(at + 1, last) : undefined;
  }

  /**
   * The elements of the first parenthesized list at or after `location` (an index's columns), each
   * as the text of its leading expression: a column name, a function call or a parenthesized
   * expression, without the collation, operator class and ordering that may follow it.
   */
  listAfter(location: number): string[] | undefined {
    let open = this.firstAt(location);
    while (open < this.tokens.length && this.tokens[open]!.text !== '(') open++;
    const close = this.closing(open);
    if (close === undefined) return undefined;
    const elements: string[] = [];
    let start = open + 1;
    while (start < close) {
      const end = this.leadingExpressionEnd(start);
      elements.push(this.between(start, end));
      let next = end + 1;
      for (let depth = 0; next < close && (depth > 0 || this.tokens[next]!.text !== ','); next++) {
        if (this.tokens[next]!.text === '(') depth++;
        if (this.tokens[next]!.text === ')') depth--;
      }
      start = next + 1;
    }
    return elements;
  }

  /** The last token of the expression that begins at token `start`: its first balanced group, or the name it is. */
  private leadingExpressionEnd(start: number): number {
    let i = start;
    while (i < this.tokens.length && this.tokens[i]!.text !== '(' && this.tokens[i]!.text !== ',' && this.tokens[i]!.text !== ')') {
      // A name (possibly qualified) followed by something that is not a call ends at the name.
      const next = this.tokens[i + 1]?.text;
      if (next !== '.' && next !== '(' && this.tokens[i]!.text !== '.') return i;
      i++;
    }
    return this.tokens[i]?.text === '(' ? (this.closing(i) ?? i) : i - 1;
  }

  private firstAt(location: number): number {
    const offset = location - this.base;
    const i = this.tokens.findIndex((t) => t.start >= offset);
    return i < 0 ? this.tokens.length : i;
  }

  /** The first `keyword` from token `from` on at the depth of `from`. */
  private keywordAt(from: number, keyword: string): number | undefined {
    for (let i = from, depth = 0; i < this.tokens.length && depth >= 0; i++) {
      const t = this.tokens[i]!;
      if (depth === 0 && t.keyword && t.text.toUpperCase() === keyword) return i;
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
    }
    return undefined;
  }

  /** The `)` that closes the `(` at token `open`. */
  private closing(open: number): number | undefined {
    if (this.tokens[open]?.text !== '(') return undefined;
    for (let i = open, depth = 0; i < this.tokens.length; i++) {
      if (this.tokens[i]!.text === '(') depth++;
      if (this.tokens[i]!.text === ')' && --depth === 0) return i;
    }
    return undefined;
  }

  /** The source text from the first to the last token, both included. */
  private between(first: number, last: number): string {
    return this.bytes.subarray(this.tokens[first]!.start, this.tokens[last]!.end).toString('utf8');
  }
}
