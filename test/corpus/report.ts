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

/** The first direction's failure; the reverse direction of a pg-delta case says so. */
export function failureReason(directions: DirectionResult[]): string | undefined {
  const failed = directions.find((d) => !d.converged);
  if (!failed) return undefined;
  const prefix = failed.label === 'to->from' ? 'to->from: ' : '';
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
    if (d.converged) continue;
    out.push(`  ${d.label} migration:`, ...indent(d.migration || '(none)'));
    if (d.remaining !== undefined) out.push(`  ${d.label} remaining diff:`, ...indent(d.remaining));
  }
  return out;
}

/** One line per source, then the closing line, which is exactly `N passed, N failed`. */
export function totals(results: CaseResult[]): string[] {
  const bySource = new Map<string, Record<CaseResult['status'], number>>();
  for (const r of results) {
    const t = bySource.get(r.source) ?? { pass: 0, fail: 0, skip: 0 };
    t[r.status]++;
    bySource.set(r.source, t);
  }
  const lines = [...bySource].map(([source, t]) => `${source}: ${t.pass} passed, ${t.fail} failed (${t.skip} skipped)`);
  const count = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
  return [...lines, `${count('pass')} passed, ${count('fail')} failed`];
}
