import { parseSync, scanSync } from 'libpg-query';
import { lineAndColumn, SchemaLoadError, type Statement } from './split-statements.js';

/**
 * `-- schema-bot: renamed from <old name>` on the line above a declaration: the object was called
 * <old name> before, so production's object is renamed instead of dropped and created anew.
 */
export interface RenameHint {
  file: string;
  line: number;
  /** The kind part of the fact id of the renamed object (`table`, `column`, `type`, …). */
  kind: string;
  /** The object's new name path, as its fact id writes it: [schema, table, column] for a column. */
  path: string[];
  /** The old last name part, or the old value when `member` is set. */
  from: string;
  /** For a renamed enum value: its new value (the type itself keeps `path`). */
  member?: string;
}

const HINT = /^--\s*schema-bot:\s*renamed from\s+(.+?)\s*$/;

interface Token { start: number; end: number; text: string; tokenName: string }
interface RangeVar { schemaname?: string; relname: string }
interface ParsedStatement { stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }

/** Every rename hint in the files the statements came from. */
export function findRenameHints(statements: Statement[]): RenameHint[] {
  const files = new Map<string, Statement>();
  for (const s of statements) files.set(s.file, s);
  const hints: RenameHint[] = [];
  for (const [file, { source, quoted }] of files) if (source.includes('schema-bot:')) hints.push(...hintsInFile(file, source, quoted));
  return hints;
}

function hintsInFile(file: string, source: string, quoted: readonly number[] | undefined): RenameHint[] {
  const bytes = Buffer.from(source, 'utf8');
  const text = (start: number, end: number) => bytes.subarray(start, end).toString('utf8');
  const tokens = scanSync(source).tokens as Token[];
  const stmts = (parseSync(source).stmts ?? []) as unknown as ParsedStatement[];
  const hints: RenameHint[] = [];
  tokens.forEach((token, i) => {
    const match = token.tokenName === 'SQL_COMMENT' ? HINT.exec(text(token.start, token.end)) : null;
    if (!match) return;
    const at = lineAndColumn(source, text(0, token.start).length, quoted);
    const fail = (reason: string): never => {
      throw new SchemaLoadError(file, at.line, at.column, reason);
    };
    const next = tokens.slice(i + 1).find((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
    const stmt = next && stmts.find((s) => (s.stmt_location ?? 0) <= next.start && next.start < (s.stmt_location ?? 0) + (s.stmt_len ?? bytes.length));
    if (!next || !stmt) return fail('a rename hint must stand on the line above the declaration it renames');
    const first = tokens.find((t) => t.start >= (stmt.stmt_location ?? 0) && t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
    const target = declarationAt(stmt, next, first === next, (t) => text(t.start, t.end));
    if (!target) return fail('a rename hint must stand above a table, column, index, constraint, type, enum value or view');
    const old = oldName(match[1]!, target.member !== undefined);
    if (old.schema && old.schema !== target.path[0]) fail(`moving ${old.schema}.${old.name} to schema ${target.path[0]} is not a rename`);
    hints.push(target.member === undefined
      ? { file, line: at.line, kind: target.kind, path: target.path, from: old.name }
      : { file, line: at.line, kind: target.kind, path: target.path, from: old.name, member: target.member });
  });
  return hints;
}

/** The object declared at `token`: a whole statement's object, or a column, constraint or value in it. */
function declarationAt(
  stmt: ParsedStatement,
  token: Token,
  startsStatement: boolean,
  textOf: (t: Token) => string,
): { kind: string; path: string[]; member?: string } | undefined {
  const [type, node] = Object.entries(stmt.stmt)[0] ?? [];
  if (!type || !node) return undefined;
  const rel = (r: unknown) => {
    const v = r as RangeVar;
    return [v.schemaname ?? 'public', v.relname];
  };
  const names = (list: unknown) => {
    const parts = (list as { String: { sval: string } }[]).map((n) => n.String.sval);
    return parts.length === 1 ? ['public', parts[0]!] : parts.slice(-2);
  };
  if (type === 'CreateStmt' && !startsStatement) {
    for (const element of node.tableElts as Record<string, Record<string, unknown>>[]) {
      const column = element.ColumnDef;
      if (column?.location === token.start) return { kind: 'column', path: [...rel(node.relation), String(column.colname)] };
      const constraint = element.Constraint;
      if (constraint?.location === token.start && constraint.conname) {
        return { kind: 'constraint', path: [...rel(node.relation), String(constraint.conname)] };
      }
    }
    return undefined;
  }
  if (type === 'CreateEnumStmt' && !startsStatement) {
    return token.tokenName === 'SCONST' ? { kind: 'type', path: names(node.typeName), member: unquote(textOf(token)) } : undefined;
  }
  if (!startsStatement) return undefined;
  switch (type) {
    case 'CreateStmt':
      return { kind: 'table', path: rel(node.relation) };
    case 'IndexStmt':
      return node.idxname ? { kind: 'index', path: [rel(node.relation)[0]!, String(node.idxname)] } : undefined;
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return { kind: 'type', path: names(node.typeName) };
    case 'CompositeTypeStmt':
      return { kind: 'type', path: rel(node.typevar) };
    case 'CreateDomainStmt':
      return { kind: 'type', path: names(node.domainname) };
    case 'ViewStmt':
      return { kind: 'view', path: rel(node.view) };
    case 'CreateTableAsStmt': {
      const into = node.into as { rel: unknown } | undefined;
      return node.objtype === 'OBJECT_MATVIEW' && into ? { kind: 'matview', path: rel(into.rel) } : undefined;
    }
    case 'AlterTableStmt': {
      const cmds = node.cmds as { AlterTableCmd: { subtype: string; def?: Record<string, Record<string, unknown>> } }[];
      const cmd = cmds.length === 1 ? cmds[0]!.AlterTableCmd : undefined;
      if (cmd?.subtype === 'AT_AddColumn') return { kind: 'column', path: [...rel(node.relation), String(cmd.def!.ColumnDef!.colname)] };
      const conname = cmd?.subtype === 'AT_AddConstraint' ? cmd.def?.Constraint?.conname : undefined;
      return conname ? { kind: 'constraint', path: [...rel(node.relation), String(conname)] } : undefined;
    }
    default:
      return undefined;
  }
}

/** `"Old Name"`, `old_name`, `app.old_name` or, for an enum value, `'old value'`. */
function oldName(spec: string, literal: boolean): { schema?: string; name: string } {
  if (literal) return { name: spec.startsWith("'") ? unquote(spec) : spec };
  const parts = [...spec.matchAll(/"((?:[^"]|"")*)"|([^."\s]+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase()));
  return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1]! } : { name: parts[0] ?? spec };
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replaceAll("''", "'");
}
