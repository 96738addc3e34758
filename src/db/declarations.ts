import { parseSync, scanSync } from 'libpg-query';
import { lineAndColumn, type Statement } from './split-statements.js';

/** An object a schema file declares, by the kind part and name path of its fact id. */
export interface Declared {
  kind: string;
  /** The name path as the fact id writes it: [schema, table, column] for a column. */
  path: string[];
  /** For an enum value: the value (the type itself is `path`). */
  member?: string;
}

/** Where a file declares an object: the line its declaration starts on. */
export interface DeclarationSite extends Declared {
  file: string;
  line: number;
}

/** A `-- schema-bot: …` comment, with what it says and the declaration right below it. */
export interface Directive {
  file: string;
  line: number;
  column: number;
  match: RegExpExecArray;
  /** Undefined when no statement follows, or the one that does declares nothing a directive names. */
  declared?: Declared;
  /** Whether a statement follows at all. */
  aboveStatement: boolean;
}

interface Token { start: number; end: number; text: string; tokenName: string }
interface RangeVar { schemaname?: string; relname: string }
interface ParsedStatement { stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }
type Node = Record<string, Record<string, unknown>>;

const isComment = (t: Token) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT';

/** One file as the parser reads it, read once for every question asked of it. */
class ParsedFile {
  readonly bytes: Buffer;
  readonly tokens: Token[];
  readonly stmts: ParsedStatement[];
  constructor(
    readonly file: string,
    readonly source: string,
    readonly quoted: readonly number[] | undefined,
  ) {
    this.bytes = Buffer.from(source, 'utf8');
    this.tokens = scanSync(source).tokens as Token[];
    this.stmts = (parseSync(source).stmts ?? []) as unknown as ParsedStatement[];
  }

  text(start: number, end: number): string {
    return this.bytes.subarray(start, end).toString('utf8');
  }

  /** Line and column of a byte offset, as the file's author counts them. */
  at(byte: number): { line: number; column: number } {
    return lineAndColumn(this.source, this.text(0, byte).length, this.quoted);
  }

  statementAt(byte: number): ParsedStatement | undefined {
    return this.stmts.find((s) => (s.stmt_location ?? 0) <= byte && byte < (s.stmt_location ?? 0) + (s.stmt_len ?? this.bytes.length));
  }

  firstToken(stmt: ParsedStatement): Token | undefined {
    return this.tokens.find((t) => t.start >= (stmt.stmt_location ?? 0) && !isComment(t));
  }
}

function filesOf(statements: Statement[]): ParsedFile[] {
  const files = new Map<string, Statement>();
  for (const s of statements) files.set(s.file, s);
  return [...files].map(([file, { source, quoted }]) => new ParsedFile(file, source, quoted));
}

/**
 * Every `-- schema-bot: …` comment whose text `pattern` matches, with the declaration below it;
 * a routine counts only where `allowsRoutines` (rename hints cannot rename one).
 */
export function findDirectives(statements: Statement[], pattern: RegExp, allowsRoutines = false): Directive[] {
  const found: Directive[] = [];
  for (const parsed of filesOf(statements.filter((s) => s.source.includes('schema-bot:')))) {
    parsed.tokens.forEach((token, i) => {
      const match = token.tokenName === 'SQL_COMMENT' ? pattern.exec(parsed.text(token.start, token.end)) : null;
      if (!match) return;
      const next = parsed.tokens.slice(i + 1).find((t) => !isComment(t));
      const stmt = next && parsed.statementAt(next.start);
      const starts = stmt !== undefined && parsed.firstToken(stmt) === next;
      const declared = next && stmt ? (declarationAt(stmt, next, starts, (t) => parsed.text(t.start, t.end)) ?? (starts && allowsRoutines ? routineAt(stmt) : undefined)) : undefined;
      found.push({ file: parsed.file, ...parsed.at(token.start), match, aboveStatement: stmt !== undefined, ...(declared ? { declared } : {}) });
    });
  }
  return found;
}

/**
 * Where each declared object starts: every statement's object, and the columns and named
 * constraints a CREATE TABLE lists, each on its own line. Routines are named without their
 * arguments, which the file spells as the author wrote them.
 */
export function declarationSites(statements: Statement[]): DeclarationSite[] {
  const sites: DeclarationSite[] = [];
  for (const parsed of filesOf(statements)) {
    for (const stmt of parsed.stmts) {
      const first = parsed.firstToken(stmt);
      if (!first) continue;
      const site = (declared: Declared, byte: number) => sites.push({ ...declared, file: parsed.file, line: parsed.at(byte).line });
      const declared = declarationAt(stmt, first, true, (t) => parsed.text(t.start, t.end)) ?? routineAt(stmt);
      if (declared) site(declared, first.start);
      const [type, node] = Object.entries(stmt.stmt)[0] ?? [];
      if (type !== 'CreateStmt' || !node) continue;
      for (const element of (node.tableElts ?? []) as Node[]) {
        const column = element.ColumnDef;
        if (column?.location !== undefined) site({ kind: 'column', path: [...relationPath(node.relation), String(column.colname)] }, Number(column.location));
        const constraint = element.Constraint;
        if (constraint?.conname && constraint.location !== undefined) {
          site({ kind: 'constraint', path: [...relationPath(node.relation), String(constraint.conname)] }, Number(constraint.location));
        }
      }
    }
  }
  return sites;
}

function routineAt(stmt: ParsedStatement): Declared | undefined {
  const node = stmt.stmt.CreateFunctionStmt;
  if (!node) return undefined;
  return { kind: node.is_procedure ? 'procedure' : 'function', path: namePath(node.funcname) };
}

const relationPath = (r: unknown): string[] => {
  const v = r as RangeVar;
  return [v.schemaname ?? 'public', v.relname];
};

const namePath = (list: unknown): string[] => {
  const parts = (list as { String: { sval: string } }[]).map((n) => n.String.sval);
  return parts.length === 1 ? ['public', parts[0]!] : parts.slice(-2);
};

/** The object declared at `token`: a whole statement's object, or a column, constraint or value in it. */
function declarationAt(stmt: ParsedStatement, token: Token, startsStatement: boolean, textOf: (t: Token) => string): Declared | undefined {
  const [type, node] = Object.entries(stmt.stmt)[0] ?? [];
  if (!type || !node) return undefined;
  if (type === 'CreateStmt' && !startsStatement) {
    for (const element of (node.tableElts ?? []) as Node[]) {
      const column = element.ColumnDef;
      if (column?.location === token.start) return { kind: 'column', path: [...relationPath(node.relation), String(column.colname)] };
      const constraint = element.Constraint;
      if (constraint?.location === token.start && constraint.conname) {
        return { kind: 'constraint', path: [...relationPath(node.relation), String(constraint.conname)] };
      }
    }
    return undefined;
  }
  if (type === 'CreateEnumStmt' && !startsStatement) {
    return token.tokenName === 'SCONST' ? { kind: 'type', path: namePath(node.typeName), member: unquote(textOf(token)) } : undefined;
  }
  if (!startsStatement) return undefined;
  switch (type) {
    case 'CreateStmt':
      return { kind: 'table', path: relationPath(node.relation) };
    case 'IndexStmt':
      return node.idxname ? { kind: 'index', path: [relationPath(node.relation)[0]!, String(node.idxname)] } : undefined;
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return { kind: 'type', path: namePath(node.typeName) };
    case 'CompositeTypeStmt':
      return { kind: 'type', path: relationPath(node.typevar) };
    case 'CreateDomainStmt':
      return { kind: 'type', path: namePath(node.domainname) };
    case 'ViewStmt':
      return { kind: 'view', path: relationPath(node.view) };
    case 'CreateTableAsStmt': {
      const into = node.into as { rel: unknown } | undefined;
      return node.objtype === 'OBJECT_MATVIEW' && into ? { kind: 'matview', path: relationPath(into.rel) } : undefined;
    }
    case 'AlterTableStmt': {
      const cmds = node.cmds as { AlterTableCmd: { subtype: string; def?: Node } }[];
      const cmd = cmds.length === 1 ? cmds[0]!.AlterTableCmd : undefined;
      if (cmd?.subtype === 'AT_AddColumn') return { kind: 'column', path: [...relationPath(node.relation), String(cmd.def!.ColumnDef!.colname)] };
      const conname = cmd?.subtype === 'AT_AddConstraint' ? cmd.def?.Constraint?.conname : undefined;
      return conname ? { kind: 'constraint', path: [...relationPath(node.relation), String(conname)] } : undefined;
    }
    default:
      return undefined;
  }
}

export function unquote(literal: string): string {
  return literal.slice(1, -1).replaceAll("''", "'");
}
