import { lineAndColumn, type Statement } from '../db/split-statements.js';
import { qualify } from '../sql/quote.js';
import type { PlanSoFar } from './plan-so-far.js';
import type { ProductionRelations } from './production-relations.js';
import { StatementText } from './statement-text.js';

export type Node = Record<string, unknown>;

/** A question about production's rows that decides whether a statement of the plan can run. */
export interface RowProbe {
  statement: Statement;
  /** One query returning one row whose boolean `fails` is true when the statement fails on production. */
  sql: string;
  /** The tables the query may read whole: one larger than probe_max_rows is left unprobed. */
  scans: string[];
  /** What fails, for the reader of check's verdict, pending.sql and the merge request. */
  failure: string;
  /** The reviewer's way out, as lines of SQL to put into pending.sql (commented where shown). */
  fix: string[];
  /**
   * The query computes what the statement will (a type conversion): a data error it raises is the
   * statement's own failure, reported with PostgreSQL's message, not a question left unanswered.
   */
  evaluates?: boolean;
}

/** A statement whose success depends on rows, but that production's rows cannot vouch for. */
export interface Unprobed {
  statement: Statement;
  reason: string;
}

/** Where a probe is asked: the statement, the table it alters, what the plan did before it. */
export interface ProbeSite {
  statement: Statement;
  /** The table as the statement names it, quoted. */
  table: string;
  /** False for `ALTER TABLE ONLY …` and `… ON ONLY …`: the statement leaves inheritors alone. */
  inherit: boolean;
  plan: PlanSoFar;
  production: ProductionRelations;
}

/** `pending.sql:12`: where a statement stands. */
export const placeOf = (s: Statement) => `${s.file}:${lineAndColumn(s.source, s.offset).line}`;

/** A statement's first line, which names it in messages. */
export const firstLineOf = (s: Statement) => s.sql.trim().split('\n')[0]!;

/** A relation of a parse tree as SQL text, qualified when the statement qualifies it. */
export function relationText(relation: unknown): string {
  const r = relation as Node;
  return r.schemaname ? qualify(String(r.schemaname), String(r.relname)) : qualify(String(r.relname));
}

/** The names of a parse tree's `String` list (a constraint's columns, a qualified name). */
export const names = (list: unknown): string[] => ((list ?? []) as { String?: { sval: string } }[]).map((n) => n.String?.sval ?? '');

/** Calls `visit` with every node of the tree stored under `key`. */
function eachNode(tree: unknown, key: string, visit: (node: Node) => void): void {
  if (Array.isArray(tree)) tree.forEach((item) => eachNode(item, key, visit));
  else if (tree && typeof tree === 'object') {
    for (const [k, child] of Object.entries(tree)) {
      if (k === key) visit(child as Node);
      eachNode(child, key, visit);
    }
  }
}

/** The columns an expression reads, by the last part of each column reference. */
export function columnsRead(tree: unknown): string[] {
  const found = new Set<string>();
  eachNode(tree, 'ColumnRef', (ref) => {
    const last = names(ref.fields).at(-1);
    if (last) found.add(last);
  });
  return [...found];
}

/**
 * Why a probe may not evaluate an expression someone wrote on production, if it may not: it holds
 * a subquery, reads a column the plan changes before, or calls a function (or an operator's) that
 * is not known to be harmless there. PostgreSQL refuses subqueries in every expression a probe evaluates (a CHECK, a
 * USING, an index's columns and predicate); run in a probe, one would read any table of production
 * and tell whoever edited pending.sql whether its rows match.
 */
export async function unevaluable(site: ProbeSite, tree: unknown): Promise<string | undefined> {
  let subquery = false;
  eachNode(tree, 'SubLink', () => (subquery = true));
  if (subquery) return 'it holds a subquery, which PostgreSQL refuses there; a probe does not run it on production';
  const unreadable = site.plan.unreadable(site.table, columnsRead(tree));
  if (unreadable) return unreadable;
  const called: string[][] = [];
  eachNode(tree, 'FuncCall', (call) => called.push(names(call.funcname)));
  const operators: string[][] = [];
  eachNode(tree, 'A_Expr', (expression) => operators.push(names(expression.name)));
  const unsafe = [...(await site.production.unsafeFunctions(called)), ...(await site.production.unsafeOperators(operators))];
  return unsafe.length ? `it calls ${unsafe.join(', ')}, which a probe does not run on production` : undefined;
}

const texts = new WeakMap<Statement, StatementText>();

/** The statement's source, scanned once however many probes read it. */
export function textOf(statement: Statement): StatementText {
  let text = texts.get(statement);
  if (!text) texts.set(statement, (text = new StatementText(statement)));
  return text;
}

/** `FROM ONLY t` where the statement, or PostgreSQL's own check, reads the table without its inheritors. */
export const from = (table: string, only: boolean) => `${only ? 'ONLY ' : ''}${table}`;
