import { connect, type Connection } from '../db/connect.js';
import type { Statement } from '../db/split-statements.js';
import type { Gate } from './gate.js';
import { probesOf } from './probe-walk.js';
import { ProductionRelations } from './production-relations.js';
import { firstLineOf, placeOf, type RowProbe } from './row-probe.js';

/** A statement of the plan that production's rows make fail. */
export interface RowFailure {
  statement: Statement;
  /** What fails, PostgreSQL's own message included where the probe ran into it. */
  failure: string;
  /** The reviewer's way out, as lines of SQL (a backfill above the statement, mostly). */
  fix: string[];
}

/** A statement whose success depends on rows, about which production could not be asked. */
export interface Unanswered {
  statement: Statement;
  reason: string;
}

export interface ProbeVerdict {
  failures: RowFailure[];
  unanswered: Unanswered[];
}

/** The largest table (estimated rows) a probe reads unless the settings say otherwise. */
export const DEFAULT_PROBE_MAX_ROWS = 1_000_000;

/** How long one probe may read; a probe that runs longer tells nothing and is only reported. */
const PROBE_TIMEOUT = '5s';

/** `pending.sql:12 "ALTER TABLE …" sets …`: one failure, for check's verdict. */
export const describeFailure = (f: RowFailure) => `${placeOf(f.statement)} "${firstLineOf(f.statement)}" ${f.failure}`;

/** The warning for a statement production could not be asked about; `place` says where it stands. */
export const describeUnanswered = (u: Unanswered, place = placeOf(u.statement)) =>
  `warning: ${place}: could not tell whether production's rows let "${firstLineOf(u.statement)}" run: ${u.reason}`;

/** Statements a probe may ask about: an ALTER TABLE or a unique index before anything of a gate class. */
function mayProbe(gate: Gate): boolean {
  for (const { statement: s, findings } of gate.statements) {
    if (findings.length > 0) return false;
    if (s.type === 'AlterTableStmt' || (s.type === 'IndexStmt' && s.node.unique)) return true;
  }
  return false;
}

/**
 * Asks production, read-only and within a statement_timeout, whether statements of the plan will
 * fail on its rows. A probe that cannot be answered (it ran out of time, its table holds more than
 * `maxRows` rows, it would read what the plan changes first) is reported, never taken as a failure.
 */
export async function probeRows(databaseUrl: string, gate: Gate, maxRows: number): Promise<ProbeVerdict> {
  const verdict: ProbeVerdict = { failures: [], unanswered: [] };
  if (!mayProbe(gate)) return verdict;
  const db = await connect(databaseUrl);
  try {
    await db.exec(`BEGIN READ ONLY; SET LOCAL statement_timeout = '${PROBE_TIMEOUT}'; SET LOCAL lock_timeout = '${PROBE_TIMEOUT}'`);
    const production = new ProductionRelations(db);
    for (const found of await probesOf(gate, production)) {
      if ('reason' in found) {
        verdict.unanswered.push(found);
        continue;
      }
      const tooLarge = await largerThan(production, found.scans, maxRows);
      const answer = tooLarge ? `${tooLarge}, more than probe_max_rows (${maxRows.toLocaleString('en')}); not read` : await ask(db, found);
      if (typeof answer === 'string') verdict.unanswered.push({ statement: found.statement, reason: answer });
      else if (answer) verdict.failures.push(answer);
    }
  } finally {
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
  return verdict;
}

/** `public.t holds about 2,000,000 rows` for the first table the probe would read that is too large to. */
async function largerThan(production: ProductionRelations, tables: string[], maxRows: number): Promise<string | undefined> {
  if (maxRows === 0) return undefined;
  for (const table of tables) {
    const rows = (await production.relation(table))?.rows;
    if (rows !== undefined && rows > maxRows) return `${table} holds about ${Math.round(rows).toLocaleString('en')} rows`;
  }
  return undefined;
}

/** SQLSTATE classes of errors in the data (22) or against a constraint (23): what a conversion meets. */
const DATA_ERROR = /^2[23]/;

/**
 * PostgreSQL's message without the values it quotes (`invalid input syntax for type integer:
 * "ann@example.com"`): the failure goes into pending.sql and the merge request, where production's
 * rows have no business. Quoted names of objects (`constraint "price_positive"`) stay. Today the
 * gate stops probing before any conversion whose message quotes a value; this keeps it so when
 * the gate learns to let more through.
 */
const withoutValues = (message: string) =>
  message.replace(/((?:constraint|type|relation|column|domain|index|table|function|schema) )?"(?:[^"]|"")*"/g, (quoted, object?: string) => (object ? quoted : '"…"'));

/** The probe's answer: a failure, none, or why it could not tell. */
async function ask(db: Connection, p: RowProbe): Promise<RowFailure | undefined | string> {
  await db.exec('SAVEPOINT probe');
  try {
    const { rows } = await db.query<{ fails: boolean }>(p.sql);
    return rows[0]!.fails ? { statement: p.statement, failure: p.failure, fix: p.fix } : undefined;
  } catch (error) {
    const e = error as Error & { code?: string };
    if (p.evaluates && DATA_ERROR.test(e.code ?? '')) return { statement: p.statement, failure: `${p.failure}: ${withoutValues(e.message)}`, fix: p.fix };
    return e.code === '57014' ? `the probe ran out of its ${PROBE_TIMEOUT}` : withoutValues(e.message);
  } finally {
    await db.exec('ROLLBACK TO SAVEPOINT probe');
  }
}
