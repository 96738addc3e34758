import path from 'node:path';
import { objectName } from '../diff/object-name.js';
import { declarationSites } from '../db/declarations.js';
import { readDesired, type MigrationRequest } from '../engine/compute-migration.js';
import { findIgnores } from './ignore-comments.js';
import { keyOf, siteFinder } from './finding-sites.js';
import { LINT_RULES } from './lint-rules.js';
import type { LintRule, Severity } from './lint-rule.js';

export interface LintFinding {
  rule: string;
  severity: Exclude<Severity, 'off'>;
  message: string;
  /** The object, as messages name it. */
  object: string;
  /** Where the object is declared; absent for one no file declares by name. */
  file?: string;
  line?: number;
}

export interface LintRequest extends Pick<MigrationRequest, 'schemaPath' | 'shadowUrl' | 'scope' | 'log'> {
  /** Severities by rule id (the `lint` setting); a rule not named keeps its own. */
  severities?: Record<string, Severity>;
  /** The directory findings name files relative to (the repository's, for a merge request); the working directory when absent. */
  root?: string;
}

export interface LintResult {
  findings: LintFinding[];
  /** Findings an ignore comment silenced, with its reason. */
  ignored: (LintFinding & { reason: string })[];
}

export const severityOf = (rule: LintRule, severities: Record<string, Severity> = {}): Severity => severities[rule.id] ?? rule.severity;

/**
 * Loads schema/*.sql into a shadow, as plan does, and asks every rule that is not off about the
 * catalog PostgreSQL made of it. Needs no production: what is declared is what is judged.
 */
export async function lintSchema(req: LintRequest): Promise<LintResult> {
  const unknown = Object.keys(req.severities ?? {}).filter((id) => !LINT_RULES.some((r) => r.id === id));
  if (unknown.length) throw new Error(`lint: unknown rule(s) ${unknown.join(', ')} (known: ${LINT_RULES.map((r) => r.id).join(', ')})`);
  const desired = await readDesired(req);
  const statements = desired.statements ?? [];
  const ignores = findIgnores(statements, LINT_RULES.map((r) => r.id));
  const siteOf = siteFinder(declarationSites(statements), desired.catalog);
  const result: LintResult = { findings: [], ignored: [] };
  for (const rule of LINT_RULES) {
    const severity = severityOf(rule, req.severities);
    if (severity === 'off') continue;
    for (const { fact, message } of rule.check(desired.catalog)) {
      const site = siteOf(fact);
      const file = site && path.relative(req.root ?? process.cwd(), path.resolve(site.file));
      const finding: LintFinding = { rule: rule.id, severity, message, object: objectName(fact), ...(site ? { file, line: site.line } : {}) };
      const ignore = site && ignores.find((i) => i.rule === rule.id && i.declaration === keyOf(site));
      if (ignore) result.ignored.push({ ...finding, reason: ignore.reason });
      else result.findings.push(finding);
    }
  }
  result.findings.sort((a, b) => (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  return result;
}
