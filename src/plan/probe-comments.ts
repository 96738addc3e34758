import { lineAndColumn, type Statement } from '../db/split-statements.js';
import { firstLineOf } from './row-probe.js';
import type { RowFailure } from './row-probes.js';

/** How pending.sql marks a statement that production's rows make fail; the reviewer's fix follows, commented. */
const MARK = '-- fails on production: ';

/** A failure as the plan file and the merge request show it. */
export interface NotedFailure {
  /** The statement's line in the plan file, once the notes are in. */
  line: number;
  /** The statement's first line. */
  statement: string;
  failure: string;
  fix: string[];
}

/** One line of comment: a line break in a name or a message must not end it and let SQL follow. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

/** Lines of SQL as comment lines, ready to be uncommented. */
export const commented = (lines: string[]) => lines.map((l) => `-- ${oneLine(l)}`);

/**
 * The plan text with each failure written above its statement (below its hazard comments): what
 * fails, then the fix as commented SQL. Comments only: the statements, the header and the hazard
 * marks the gate reads stay as they were. `failures` must come from statements parsed from `text`;
 * `lineOf` says where such a statement stands once the notes are in.
 */
export function noteFailures(text: string, failures: RowFailure[]): { text: string; noted: NotedFailure[]; lineOf(statement: Statement): number } {
  const written = (s: Statement) => lineAndColumn(s.source, s.offset).line;
  const blocks = new Map<number, string[]>();
  for (const f of failures) {
    const at = written(f.statement);
    blocks.set(at, [...(blocks.get(at) ?? []), `${MARK}${oneLine(f.failure)}`, ...commented(f.fix)]);
  }
  const out: string[] = [];
  const moved: number[] = [];
  text.split('\n').forEach((line, i) => {
    out.push(...(blocks.get(i + 1) ?? []));
    moved.push(out.length + 1);
    out.push(line);
  });
  const lineOf = (s: Statement) => moved[written(s) - 1]!;
  const noted = failures.map((f) => ({ line: lineOf(f.statement), statement: firstLineOf(f.statement), failure: oneLine(f.failure), fix: f.fix }));
  return { text: out.join('\n'), noted, lineOf };
}

/** The failure notes of a plan file: whether two plans say the same of production's rows. */
export function failureNotes(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(MARK));
}
