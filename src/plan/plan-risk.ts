import type { Catalog, Fact } from '../catalog/fact.js';
import type { Action } from '../diff/action.js';
import { splitStatements } from '../db/split-statements.js';
import { qualify } from '../sql/quote.js';
import { approximateRows, byteSize } from './figures.js';
import { blocksWrites, statementLock, strongest, type LockMode, type StatementLock } from './statement-locks.js';
import { tableSizes, type TableSize } from './table-sizes.js';

/** Tables under this many rows (the `risk.small_table_rows` setting) are locked and rewritten too quickly to matter. */
export const DEFAULT_SMALL_TABLE_ROWS = 10_000;

/**
 * How much a statement should worry its reviewers on this production: `high` for data lost, and
 * for a rewrite or a scan that holds writes off on a table that is not small; `medium` for a lock
 * that holds writes off without reading the rows (it still waits behind every long query, and
 * everything after it waits behind it); `low` for the rest.
 */
export type RiskSeverity = 'high' | 'medium' | 'low';

/** What the statement does to the rows of its table while it holds its lock. */
export type TableWork = 'rewrite' | 'scan' | 'none';

/** One statement of a plan on one table production has, sized by what that table holds. */
export interface StatementRisk {
  /** Its place among the plan's statements, from 1. */
  statement: number;
  /** Its line in the plan file. */
  line: number;
  /** Its first line, without the semicolon that may end it. */
  sql: string;
  /** The table, as SQL names it. */
  table: string;
  /** Undefined when production could not be asked. */
  size?: TableSize;
  lock: LockMode;
  work: TableWork;
  dataLoss: boolean;
  /** `plan --online` has a form of the statement that keeps the table writable. */
  online: boolean;
  severity: RiskSeverity;
}

export interface RiskRequest {
  databaseUrl: string;
  actions: Action[];
  production: Catalog;
  target: Catalog;
  /** The plan file as written, to say where each statement stands. */
  text: string;
  smallTableRows: number;
  /** The plan was made with --online: what it left in a blocking form has no other. */
  online: boolean;
  log: (message: string) => void;
}

/** The table a statement is about: the first of its facts that is a table or belongs to one. */
function tableOf(action: Action, production: Catalog, target: Catalog): Fact | undefined {
  const find = (id: string) => production.get(id) ?? target.get(id);
  for (const id of [...action.alters, ...action.destroys, ...action.creates]) {
    let fact = find(id);
    while (fact && fact.kind !== 'table' && fact.parent) fact = find(fact.parent);
    if (fact?.kind === 'table') return fact;
  }
  return undefined;
}

/** The strongest lock among an action's statements (a rule writes one, mostly). */
const lockOf = async (action: Action) => strongest((await splitStatements('plan', action.sql)).flatMap((s) => statementLock(s) ?? []));

/**
 * The line of each action's statement in the plan file: the file writes each at the start of a
 * line, in the actions' order, with only comments (which start with `--`) put in between.
 */
function linesOf(text: string, actions: Action[]): number[] {
  let from = 0;
  return actions.map((a) => {
    const at = text.indexOf(`\n${a.sql}`, from);
    from = at + 1;
    return text.slice(0, at + 1).split('\n').length;
  });
}

/**
 * Bytes a row is taken to hold when a table was never analyzed: such a table is new or tiny far
 * more often than large, and its size on disk still says which.
 */
const BYTES_A_ROW = 100;

const isSmall = (size: TableSize | undefined, smallTableRows: number) =>
  size !== undefined && (size.rows !== undefined ? size.rows < smallTableRows : size.bytes < smallTableRows * BYTES_A_ROW);

function severityOf(risk: Pick<StatementRisk, 'dataLoss' | 'lock' | 'work'>, small: boolean): RiskSeverity {
  if (risk.dataLoss) return 'high';
  if (small || !blocksWrites(risk.lock)) return 'low';
  return risk.work === 'none' ? 'medium' : 'high';
}

/**
 * Every statement of the plan that locks a table production has, with that table's size on
 * production and the severity it earns there. Statements on a table the plan creates (or creates
 * anew) get none: that table is empty when they run. The lock is the statement form's
 * (statement-locks.ts); whether it rewrites, and whether SET NOT NULL scans, the action's
 * hazards say, which know the volatile default, the conversion, the check that proves no NULLs.
 */
export async function planRisk(req: RiskRequest): Promise<StatementRisk[]> {
  const created = new Set<string>();
  const touched: { index: number; action: Action; table: string; lock: StatementLock }[] = [];
  for (const [index, action] of req.actions.entries()) {
    for (const id of action.creates) created.add(id);
    const table = tableOf(action, req.production, req.target);
    if (!table || !req.production.has(table.id) || created.has(table.id)) continue;
    const lock = await lockOf(action);
    if (lock) touched.push({ index, action, table: qualify(...table.name), lock });
  }
  if (touched.length === 0) return [];
  const sizes = await tableSizes(req.databaseUrl, [...new Set(touched.map((t) => t.table))]).catch((error: Error) => {
    req.log(`warning: could not read the sizes of the tables the plan locks, so their risk is not sized: ${error.message}`);
    return new Map<string, TableSize>();
  });
  const lines = linesOf(req.text, req.actions);
  return touched.map(({ index, action, table, lock }) => {
    const size = sizes.get(table);
    const hazards = new Set(action.hazards.map((h) => h.kind));
    const work: TableWork = hazards.has('table-rewrite') ? 'rewrite' : lock.scans || hazards.has('full-scan-under-lock') ? 'scan' : 'none';
    const risk = { lock: lock.lock, work, dataLoss: hazards.has('data-loss') };
    return {
      statement: index + 1,
      line: lines[index]!,
      sql: action.sql.trim().split('\n')[0]!.replace(/;$/, ''),
      table,
      size,
      ...risk,
      online: lock.hasOnlineForm && !req.online && size?.partitioned !== true,
      severity: severityOf(risk, isSmall(size, req.smallTableRows)),
    };
  });
}

/** `~41 M rows` and `12 GB`, or what production could not say. */
export function riskFigures(size: TableSize | undefined): { rows: string; size: string } {
  if (!size) return { rows: 'rows unknown', size: 'size unknown' };
  return { rows: size.rows === undefined ? 'rows unknown (never analyzed)' : approximateRows(size.rows), size: byteSize(size.bytes) };
}

const VERB: Record<TableWork, string> = { rewrite: 'rewrites', scan: 'scans', none: 'locks' };
const HELD: Record<TableWork, string> = { rewrite: ' for the whole rewrite', scan: ' for the whole scan', none: '' };

/** `rewrites public.events: ~41 M rows, 12 GB, ACCESS EXCLUSIVE for the whole rewrite`. */
export function describeRisk(risk: StatementRisk): string {
  const { rows, size } = riskFigures(risk.size);
  const loss = risk.dataLoss ? '; loses data' : '';
  const online = risk.online ? '; `--online` would avoid it' : '';
  return `${VERB[risk.work]} ${risk.table}: ${rows}, ${size}, ${risk.lock}${HELD[risk.work]}${loss}${online}`;
}
