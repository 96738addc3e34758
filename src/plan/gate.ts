import type { Catalog } from '../catalog/fact.js';
import { factId } from '../catalog/fact-id.js';
import { lineAndColumn, type Statement } from '../db/split-statements.js';
import { widens } from '../kinds/column/rule.js';
import { HazardRefusedError } from '../engine/errors.js';
import { MovedNames } from './moved-names.js';
import { classifyStatement, GATE_CLASSES, type ClassifyContext, type Finding, type GateClass } from './classify-statement.js';

/** What needs approval unless the settings say otherwise: everything the rehearsal cannot vouch for. */
export const DEFAULT_GATED: readonly GateClass[] = GATE_CLASSES;

/** How a refusal or a merge request words each class. */
export const GATE_CLASS_WORDS: Record<GateClass, string> = {
  'data-loss': 'deletes data',
  'data-change': 'changes data',
  unverifiable: 'runs statements no check can verify',
};

export interface StatementGate {
  statement: Statement;
  findings: Finding[];
}

export interface Gate {
  statements: StatementGate[];
  /** Statements per class, gated or not. */
  counts: Map<GateClass, number>;
  /** The classes the plan has that the settings gate, in GATE_CLASSES order. */
  gated: GateClass[];
  /** Whether the plan waits for approvals: some statement is of a gated class. */
  needsApproval: boolean;
}

const ROUTINES = new Set(['function', 'procedure', 'aggregate']);

/**
 * Whether a plan needs approval, and why, statement by statement. This is the one place that
 * decides it: rendering, check, the approval status, apply, sync and the Action all call it, with
 * the plan's statements as parsed and production's catalog, never with its comments.
 */
export function planGate(statements: Statement[], production: Catalog, gated: readonly GateClass[]): Gate {
  const moved = new MovedNames();
  const context = classifyContext(production, statements, moved);
  const results = statements.map((statement) => {
    const findings = classifyStatement(statement, context);
    moved.after(statement);
    return { statement, findings };
  });
  const counts = new Map<GateClass, number>();
  for (const { findings } of results) for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const present = GATE_CLASSES.filter((k) => counts.has(k) && gated.includes(k));
  return { statements: results, counts, gated: present, needsApproval: present.length > 0 };
}

/**
 * Functions someone wrote are production's (outside extensions) and those the plan itself creates,
 * by name in any schema: a name that may resolve to one counts, whatever the search_path.
 */
function classifyContext(production: Catalog, statements: Statement[], moved: MovedNames): ClassifyContext {
  const written = new Set<string>();
  for (const fact of production.values()) if (ROUTINES.has(fact.kind)) written.add(fact.name[fact.name.length - 1]!);
  for (const s of statements.filter((x) => x.type === 'CreateFunctionStmt')) {
    const name = (s.node.funcname as { String?: { sval: string } }[]).map((n) => n.String?.sval ?? '');
    written.add(name[name.length - 1]!);
  }
  return {
    // Production's word about a column counts only while no earlier statement of the plan renamed,
    // moved, dropped or made it anew.
    columnType: (schema, table, column) =>
      moved.holds(schema, table, column) ? (production.get(factId('column', schema, table, column))?.payload.type as string | undefined) : undefined,
    isGenerated: (schema, table, column) =>
      moved.holds(schema, table, column) && Boolean(production.get(factId('column', schema, table, column))?.payload.generated),
    callsUserFunction: (name) => !(name.length > 1 && name[0] === 'pg_catalog') && written.has(name[name.length - 1]!),
    widens,
  };
}

const HAZARD_COMMENT = /^\s*--\s*hazard ([a-z-]+):/gm;
const COMMENT_OR_BLANK = /^\s*(--.*)?$/;

/**
 * The comment lines right above a statement (the parser's statement starts at its first token):
 * where pending.sql marks its hazards. Read backwards from the statement, line by line.
 */
function leadingComments(statement: Statement): string {
  const { source, offset } = statement;
  let start = source.lastIndexOf('\n', offset - 1) + 1;
  if (source.slice(start, offset).trim() !== '') return '';
  const end = start;
  while (start > 0) {
    const previous = source.lastIndexOf('\n', start - 2) + 1;
    if (!COMMENT_OR_BLANK.test(source.slice(previous, start - 1))) break;
    start = previous;
  }
  return source.slice(start, end);
}

/** The line a statement's first token stands on. */
const lineOf = (statement: Statement) => lineAndColumn(statement.source, statement.offset).line;

/**
 * Where pending.sql's comments say something other than the gate: a statement of a class not
 * marked `-- hazard <class>:` above it, a mark on a statement not of that class, or a header count
 * that does not add up. The comments are what reviewers read, so they must not understate.
 */
export function renderingProblems(gate: Gate, header: Map<string, number>, file: string): string[] {
  const problems: string[] = [];
  for (const { statement, findings } of gate.statements) {
    const declared = new Set([...leadingComments(statement).matchAll(HAZARD_COMMENT)].map((m) => m[1]).filter((k) => GATE_CLASSES.includes(k as GateClass)));
    const line = lineOf(statement);
    const first = statement.sql.trim().split('\n')[0]!;
    for (const f of findings.filter((x) => !declared.has(x.kind))) {
      problems.push(`${file}:${line}: "${first}" ${f.message}, but is not marked "-- hazard ${f.kind}: …" above it`);
    }
    for (const kind of [...declared].filter((k) => !findings.some((f) => f.kind === k))) {
      problems.push(`${file}:${line}: "${first}" is marked ${kind}, which it is not`);
    }
  }
  const count = (counts: Map<string, number>) => GATE_CLASSES.map((k) => `${k} ${counts.get(k) ?? 0}`).join(', ');
  if (GATE_CLASSES.some((k) => (header.get(k) ?? 0) !== (gate.counts.get(k) ?? 0))) {
    problems.push(`${file}: the header's "-- hazards:" line counts ${count(header)}; the statements are ${count(gate.counts)}`);
  }
  return problems;
}

/** `deletes data (pending.sql:12 drops table public.t and the data it holds)`, for each class asked about. */
export function gateReasons(gate: Gate, classes: readonly GateClass[] = gate.gated): string {
  return classes
    .map((kind) => {
      const where = gate.statements.flatMap(({ statement, findings }) =>
        findings.filter((f) => f.kind === kind).map((f) => `${statement.file}:${lineOf(statement)} ${f.message}`),
      );
      const shown = where.length > 3 ? [...where.slice(0, 3), `${where.length - 3} more`] : where;
      return `${GATE_CLASS_WORDS[kind]} (${shown.join('; ')})`;
    })
    .join(', ');
}

/**
 * The approval of a command line: the gated classes must all be among `allowed`, else the plan is
 * refused with the flag that would allow them.
 */
export function refuseUnlessAllowed(allowed: ReadonlySet<string>, flag: (classes: GateClass[]) => string): (gate: Gate) => Promise<void> {
  return async (gate) => {
    const refused = gate.gated.filter((k) => !allowed.has(k));
    if (refused.length) {
      throw new HazardRefusedError(`the plan ${gateReasons(gate, refused)}; nothing applied (${flag(refused)} once approved)`);
    }
  };
}
