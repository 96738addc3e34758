import { loadModule, parseSync } from 'libpg-query';

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
  /** The whole file, to turn offsets into lines and columns. */
  source: string;
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

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

let ready: Promise<void> | undefined;

/**
 * Splits a file with PostgreSQL's own parser (libpg_query), so dollar quotes, nested comments and
 * semicolons inside strings are handled exactly as the server would.
 */
export async function splitStatements(file: string, source: string): Promise<Statement[]> {
  ready ??= loadModule();
  await ready;
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
    const at = lineAndColumn(source, charOffset(details?.cursorPosition ?? 0));
    throw new SchemaLoadError(file, at.line, at.column, (error as Error).message);
  }
  return (tree.stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const offset = charOffset(start);
    const type = Object.keys(s.stmt ?? {})[0] ?? 'Unknown';
    return {
      file,
      sql: bytes.subarray(start, end).toString('utf8'),
      offset,
      type,
      node: (s.stmt as unknown as Record<string, Record<string, unknown>>)[type] ?? {},
      source,
    };
  });
}
