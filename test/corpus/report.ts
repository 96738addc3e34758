import type { DirectionResult } from './job.js';

export interface CaseResult {
  source: string;
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped, on one line. */
  reason?: string;
  directions?: DirectionResult[];
  durationMs?: number;
}

const oneLine = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The first line of a script that says something: not BEGIN/COMMIT, not a hazard comment. */
function firstChange(script: string): string {
  const lines = script.split('\n').map((l) => l.trim());
  return lines.find((l) => l !== '' && !/^(BEGIN|COMMIT);$/.test(l) && !l.startsWith('--')) ?? lines[0] ?? '';
}

/** A direction fails when it does not converge, breaks its budget or loses seeded rows. */
const failedDirection = (d: DirectionResult) => !d.converged || (d.budget?.violations.length ?? 0) > 0 || (d.lostRows?.length ?? 0) > 0;

/** The first direction's failure; the reverse direction of a pg-delta case says so. */
export function failureReason(directions: DirectionResult[]): string | undefined {
  const failed = directions.find(failedDirection);
  if (!failed) return undefined;
  const prefix = failed.label === 'to->from' ? 'to->from: ' : '';
  if (failed.converged && failed.budget?.violations.length) {
    return `${prefix}budget: ${failed.budget.violations.join(', ')} (plan: ${failed.steps?.join(', ') || 'empty'})`;
  }
  if (failed.converged) return `${prefix}seed rows lost: ${failed.lostRows!.join(', ')}`;
  if (failed.error === undefined) return `${prefix}not converged: ${oneLine(firstChange(failed.remaining ?? ''))}`;
  const where = failed.statement ? ` [in: ${oneLine(failed.statement)}]` : '';
  return `${prefix}${failed.phase}: ${oneLine(failed.error, 300)}${where}`;
}

export function caseLine(r: CaseResult): string {
  const id = `${r.source}/${r.name}`;
  return r.status === 'pass' ? `PASS ${id}` : `FAIL ${id}: ${r.reason}`;
}

/** --verbose: what the engine planned and what was still left, for each failed direction. */
export function failureDetails(r: CaseResult): string[] {
  const indent = (text: string) => text.trimEnd().split('\n').map((l) => `    ${l}`);
  const out: string[] = [];
  for (const d of r.directions ?? []) {
    if (!failedDirection(d)) continue;
    out.push(`  ${d.label} migration:`, ...indent(d.migration || '(none)'));
    if (d.remaining !== undefined) out.push(`  ${d.label} remaining diff:`, ...indent(d.remaining));
  }
  return out;
}

/**
 * How the plans fared against the checks beyond convergence: budget.json and seeded rows, counted
 * per direction; the peer's own known budget failures are counted apart, with whether ours meets them.
 */
function checkLines(results: CaseResult[]): string[] {
  const directions = results.flatMap((r) => r.directions ?? []);
  const budgeted = directions.filter((d) => d.budget);
  const seeded = directions.filter((d) => d.lostRows);
  const known = budgeted.flatMap((d) => (d.budget!.peerKnownFailure ? [d.budget!.peerKnownFailure] : []));
  const lines: string[] = [];
  if (budgeted.length) {
    const broken = budgeted.filter((d) => d.budget!.violations.length > 0).length;
    const met = known.length ? `; the peer's known failures: ${known.filter((k) => k.met).length} of ${known.length} met` : '';
    lines.push(`budgets: ${budgeted.length - broken} of ${budgeted.length} direction(s) within budget${met}`);
  }
  if (seeded.length) {
    const kept = seeded.filter((d) => d.lostRows!.length === 0).length;
    lines.push(`seed rows: kept in ${kept} of ${seeded.length} seeded direction(s) that got through apply`);
  }
  return lines;
}

/** One line per source, the budget and seed checks, then the closing line, which is exactly `N passed, N failed`. */
export function totals(results: CaseResult[]): string[] {
  const bySource = new Map<string, Record<CaseResult['status'], number>>();
  for (const r of results) {
    const t = bySource.get(r.source) ?? { pass: 0, fail: 0, skip: 0 };
    t[r.status]++;
    bySource.set(r.source, t);
  }
  const lines = [...bySource].map(([source, t]) => `${source}: ${t.pass} passed, ${t.fail} failed (${t.skip} skipped)`);
  const count = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
  return [...lines, ...checkLines(results), `${count('pass')} passed, ${count('fail')} failed`];
}
