import { connect } from '../db/connect.js';
import { lineAndColumn, type Statement } from '../db/split-statements.js';
import type { Gate } from './gate.js';
import { qualify, quoteIdent } from '../sql/quote.js';

type Node = Record<string, unknown>;

/** A question about production's rows that decides whether a statement of the plan can run. */
interface Probe {
  statement: Statement;
  /** A query returning one boolean row: true means the statement fails on production. */
  sql: string;
  /** What fails, for the reader of check's verdict. */
  failure: string;
  /** The reviewer's way out, as commented SQL to put into pending.sql. */
  fix: string;
}

const hasConstraint = (def: Node, ...types: string[]) =>
  ((def.constraints ?? []) as { Constraint?: { contype?: string } }[]).some((c) => types.includes(String(c.Constraint?.contype)));

/**
 * The probes a plan needs: statements whose success depends on rows the rehearsal, on an empty
 * copy of the schema, never sees. Only statements before the first one of a gate class are
 * probed; after a backfill, production's rows say nothing about what the statement will meet.
 */
function probesOf(gate: Gate): Probe[] {
  const probes: Probe[] = [];
  // The gate's classes say where rows may change (a backfill, code, a drop): probing stops there.
  for (const { statement: s, findings } of gate.statements) {
    if (findings.length > 0) break;
    if (s.type !== 'AlterTableStmt' || s.node.objtype !== 'OBJECT_TABLE') continue;
    const rel = s.node.relation as Node;
    const table = rel.schemaname ? qualify(String(rel.schemaname), String(rel.relname)) : qualify(String(rel.relname));
    for (const { AlterTableCmd: cmd } of (s.node.cmds ?? []) as { AlterTableCmd: Node }[]) {
      if (cmd.subtype === 'AT_AddColumn') {
        const def = (cmd.def as { ColumnDef: Node }).ColumnDef;
        if (!hasConstraint(def, 'CONSTR_NOTNULL') || hasConstraint(def, 'CONSTR_DEFAULT', 'CONSTR_GENERATED', 'CONSTR_IDENTITY')) continue;
        const column = quoteIdent(String(def.colname));
        probes.push({
          statement: s,
          sql: `SELECT EXISTS (SELECT 1 FROM ${table}) AS fails`,
          failure: `adds ${column} NOT NULL without a default to ${table}, which has rows`,
          fix: `-- ALTER TABLE ${table} ADD COLUMN ${column} <type>;\n-- UPDATE ${table} SET ${column} = <value> WHERE ${column} IS NULL;\n-- ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL;`,
        });
      } else if (cmd.subtype === 'AT_SetNotNull') {
        const column = quoteIdent(String(cmd.name));
        probes.push({
          statement: s,
          sql: `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${column} IS NULL) AS fails`,
          failure: `sets ${column} of ${table} NOT NULL, and rows hold NULL there`,
          fix: `-- UPDATE ${table} SET ${column} = <value> WHERE ${column} IS NULL;  (above the SET NOT NULL)`,
        });
      }
    }
  }
  return probes;
}

export interface ProbeVerdict {
  /** `pending.sql:12 "…" adds …`, one per statement that production's rows make fail. */
  failures: string[];
  /** The backfill skeletons that would let them run, as commented SQL. */
  fixes: string[];
}

/** How long one probe may read; a probe that runs longer tells nothing and is only reported. */
const PROBE_TIMEOUT = '5s';

/**
 * Asks production, read-only and within a statement_timeout, whether statements of the plan will
 * fail on its rows. A probe that runs out of time is logged, never taken as a failure.
 */
export async function probeRows(databaseUrl: string, gate: Gate, log: (message: string) => void): Promise<ProbeVerdict> {
  const probes = probesOf(gate);
  const verdict: ProbeVerdict = { failures: [], fixes: [] };
  if (probes.length === 0) return verdict;
  const db = await connect(databaseUrl);
  try {
    await db.exec(`BEGIN READ ONLY; SET LOCAL statement_timeout = '${PROBE_TIMEOUT}'; SET LOCAL lock_timeout = '${PROBE_TIMEOUT}'`);
    for (const p of probes) {
      const where = `${p.statement.file}:${lineAndColumn(p.statement.source, p.statement.offset).line}`;
      await db.exec('SAVEPOINT probe');
      const answer = await db.query<{ fails: boolean }>(p.sql).then(
        ({ rows }) => rows[0]!.fails,
        (error: Error) => {
          log(`warning: ${where}: could not tell within ${PROBE_TIMEOUT} whether production's rows let "${p.statement.sql.split('\n')[0]}" run (${error.message})`);
          return false;
        },
      );
      await db.exec('ROLLBACK TO SAVEPOINT probe');
      if (!answer) continue;
      verdict.failures.push(`${where} "${p.statement.sql.split('\n')[0]}" ${p.failure}`);
      verdict.fixes.push(p.fix);
    }
  } finally {
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
  return verdict;
}
