import { loadModule, parseSync } from 'libpg-query';
import { inNewestGrammar, misreadSince } from './target-grammar.js';

/** One statement of a schema file and where it starts, for messages that point at it. */
export interface Statement {
  file: string;
  /** The exact text from the end of the previous statement, so error positions map back. */
  sql: string;
  /** Character offset of `sql` in the file. */
  offset: number;
  /** The parse tree node's type, e.g. `CreateStmt`. */
  type: string;
  /** The parse tree node itself. */
  node: Record<string, unknown>;
  /**
   * The whole file as the parser read it, to turn offsets into lines and columns: quoted where it
   * was written for an older major (target-grammar.ts).
   */
  source: string;
  /** The offsets in `source` of the quotes put in, so that a column counts only what the file has. */
  quoted?: readonly number[];
  /**
   * Of a routine written for an older major, the first major that reads a name in its string body
   * as a keyword (target-grammar.ts): a shadow of that major or later cannot check the body.
   */
  bodyMisreadSince?: number;
}

export class SchemaLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

/** 1-based line and column of a character offset, not counting the `quoted` characters put in before it on its line. */
export function lineAndColumn(text: string, offset: number, quoted: readonly number[] = []): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const added = quoted.filter((q) => q >= lineStart && q < offset).length;
  return { line, column: offset - lineStart + 1 - added };
}

let ready: Promise<void> | undefined;

/**
 * Splits a file with PostgreSQL's own parser (libpg_query), so dollar quotes, nested comments and
 * semicolons inside strings are handled exactly as the server would. `grammar` is the major the
 * file is written for, when it is older than the parser's (target-grammar.ts).
 */
export async function splitStatements(file: string, written: string, grammar?: number): Promise<Statement[]> {
  ready ??= loadModule();
  await ready;
  const { text: source, quoted } = inNewestGrammar(written, grammar);
  const bytes = Buffer.from(source, 'utf8');
  const ascii = bytes.length === source.length;
  const charOffset = (byte: number) => (ascii ? byte : bytes.subarray(0, byte).toString('utf8').length);
  // The parser refuses only empty input; a file of nothing but comments parses to no statement.
  if (source.trim() === '') return [];
  let tree: ReturnType<typeof parseSync>;
  try {
    tree = parseSync(source);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const at = lineAndColumn(source, charOffset(details?.cursorPosition ?? 0), quoted);
    throw new SchemaLoadError(file, at.line, at.column, (error as Error).message);
  }
  return (tree.stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const offset = charOffset(start);
    const type = Object.keys(s.stmt ?? {})[0] ?? 'Unknown';
    const node = (s.stmt as unknown as Record<string, Record<string, unknown>>)[type] ?? {};
    const misread = type === 'CreateFunctionStmt' ? misreadSince(stringBody(node).join('\n'), grammar) : undefined;
    return {
      file,
      sql: bytes.subarray(start, end).toString('utf8'),
      offset,
      type,
      node,
      source,
      ...(quoted.length ? { quoted } : {}),
      ...(misread === undefined ? {} : { bodyMisreadSince: misread }),
    };
  });
}

/** The strings of a CREATE FUNCTION's AS: its body, or a C function's library and symbol. */
function stringBody(node: Record<string, unknown>): string[] {
  type Option = { DefElem?: { defname?: string; arg?: { List?: { items?: { String?: { sval?: string } }[] } } } };
  const as = ((node.options as Option[] | undefined) ?? []).find((o) => o.DefElem?.defname === 'as');
  return (as?.DefElem?.arg?.List?.items ?? []).map((item) => item.String?.sval ?? '');
}
