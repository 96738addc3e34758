import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EXIT, exitCodeHelp } from '../app/exit-codes.js';
import { FLAG_SPELLING, shadowUrlOf } from '../app/settings.js';
import { loadConfig } from '../config/load-config.js';
import { LINT_FORMATS, renderLint, type LintFormat } from '../lint/lint-reports.js';
import { LINT_RULES } from '../lint/lint-rules.js';
import { lintSchema } from '../lint/lint-schema.js';
import { UsageError } from '../app/usage-error.js';
import type { Command } from './command.js';

const ruleTable = LINT_RULES.map((r) => `  ${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.why}`).join('\n');

export const lintCommand: Command = {
  name: 'lint',
  summary: 'judge the declared schema by rules of good practice, without production',
  help: `Usage: schema-bot lint [--schema PATH] [--shadow-url URL] [--format FORMAT] [--out FILE] [--config FILE]

Loads the schema files into a shadow, as plan does, and judges the catalog PostgreSQL made of
them: the types, keys and indexes as they are, not as the SQL text spells them. Needs no
production database. Each finding names the file and line that declare the object.

Options:
  --schema PATH        a directory of *.sql files, one file, or a glob (default: the schema
                       setting of .schema-bot.yml, else schema/)
  --shadow-url URL     a server to load the schema on (default: $SHADOW_DATABASE_URL, else an
                       embedded PGlite)
  --format FORMAT      text (default); github: annotations GitHub shows at the file and line;
                       codequality: GitLab's Code Quality report; sarif: SARIF 2.1.0
  --out FILE           write the report to FILE and print the text form to stdout
  --config FILE        the settings file (default: .schema-bot.yml)
  -h, --help           show this help

Rules (id, default severity, why); set severities in .schema-bot.yml:
${ruleTable}

  lint:
    varchar-n: warning
    integer-primary-key: off

Silence one object's finding with a comment, and a reason, on the line above where the finding
points:
  -- schema-bot: ignore fk-without-index looked up by author through search only
  author bigint references users,

${exitCodeHelp(['ok', 'error', 'lintErrors'])}

Examples:
  schema-bot lint
  schema-bot lint --format codequality --out gl-code-quality-report.json`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        schema: { type: 'string' },
        'shadow-url': { type: 'string' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        config: { type: 'string' },
      },
      strict: true,
    });
    const format = values.format as LintFormat;
    if (!LINT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${LINT_FORMATS.join(', ')}`);
    const config = await loadConfig({ cwd: process.cwd(), env, flags: { config: values.config } });
    const schemaPath = values.schema ?? config.schema;
    const result = await lintSchema({
      schemaPath,
      shadowUrl: shadowUrlOf({ values, env, spelling: FLAG_SPELLING }),
      severities: config.lint,
      log: (m) => stderr(`${m}\n`),
    });
    const report = renderLint(result, format, Array.isArray(schemaPath) ? schemaPath[0]! : schemaPath);
    if (values.out) {
      await writeFile(values.out, report);
      if (format !== 'text') stdout(renderLint(result, 'text', ''));
    } else {
      stdout(report);
    }
    return result.findings.some((f) => f.severity === 'error') ? EXIT.lintErrors : EXIT.ok;
  },
};
