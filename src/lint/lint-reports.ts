import { createHash } from 'node:crypto';
import { workflowCommand } from '../secrets/workflow-commands.js';
import type { LintResult, LintFinding } from './lint-schema.js';
import { LINT_RULES } from './lint-rules.js';

export const LINT_FORMATS = ['text', 'github', 'codequality', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

const where = (f: LintFinding) => (f.file ? `${f.file}:${f.line}` : '(no file declares it by name)');

/** One line a finding, then a count; silenced findings are counted with where they were silenced. */
function text(result: LintResult): string {
  // A name may hold a line break: printed as is, it would start a line of its own (a runner's command).
  const oneLine = (text: string) => text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  const lines = result.findings.map((f) => `${where(f)}: ${f.severity} [${f.rule}] ${oneLine(f.message)}`);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  lines.push(`${errors} error(s), ${result.findings.length - errors} warning(s), ${result.ignored.length} ignored`);
  return `${lines.join('\n')}\n`;
}

/** GitHub Actions annotations: the runner shows each at its file and line in the pull request. */
export function githubAnnotations(findings: LintFinding[], fileName: (file: string) => string = (file) => file): string {
  return findings
    .map((f) => workflowCommand(f.severity, { file: f.file && fileName(f.file), line: f.line, title: `schema-bot ${f.rule}` }, f.message))
    .join('');
}

/**
 * GitLab's Code Quality report: description, check_name, fingerprint, severity and a location
 * with a path and a first line are what the merge request widget needs. The fingerprint is of
 * the rule and the object, so a finding keeps it when lines move.
 */
function codequality(result: LintResult, fallbackPath: string): string {
  return `${JSON.stringify(
    result.findings.map((f) => ({
      description: f.message,
      check_name: f.rule,
      fingerprint: createHash('sha256').update(`${f.rule}\0${f.object}`).digest('hex'),
      severity: f.severity === 'error' ? 'major' : 'minor',
      location: { path: f.file ?? fallbackPath, lines: { begin: f.line ?? 1 } },
    })),
    null,
    2,
  )}\n`;
}

/** SARIF 2.1.0, for code scanning and the tools that read it. */
function sarif(result: LintResult): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'schema-bot',
            rules: LINT_RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.why },
              help: { text: r.fix },
              defaultConfiguration: { level: r.severity === 'off' ? 'none' : r.severity },
            })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          level: f.severity,
          message: { text: f.message },
          ...(f.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line } } }] } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The findings in the format asked for; `schemaPath` places findings no file declares by name. */
export function renderLint(result: LintResult, format: LintFormat, schemaPath: string): string {
  switch (format) {
    case 'text':
      return text(result);
    case 'github':
      return githubAnnotations(result.findings);
    case 'codequality':
      return codequality(result, schemaPath);
    case 'sarif':
      return sarif(result);
  }
}
