import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { databaseSettings, FLAG_SPELLING } from '../app/settings.js';
import { requirePathInRepository } from '../config/load-config.js';
import { headCommit } from '../git/head-commit.js';
import { makePlan } from '../plan/make-plan.js';
import { DEFAULT_SMALL_TABLE_ROWS, describeRisk } from '../plan/plan-risk.js';
import { type Command } from './command.js';
import { DATABASE_OPTIONS, DATABASE_OPTIONS_HELP } from './common-options.js';
import { EXIT, exitCodeHelp } from '../app/exit-codes.js';

export const planCommand: Command = {
  name: 'plan',
  summary: 'write pending.sql: the reviewed, fingerprinted plan that apply runs',
  help: `Usage: schema-bot plan [--out FILE] [--online] [--detailed-exitcode] [--database-url URL] [--schema PATH] [--shadow-url URL]

Diffs the database against schema/*.sql and writes the plan file, pending.sql. Its header records
the plan id (change-schema-<UTC time>), the database, the base fingerprint (the database now), the
target fingerprint (schema/*.sql), the source commit (git HEAD of the schema's repository, or none)
and a hazard summary. The body runs as it is with \`psql -v ON_ERROR_STOP=1 -f\`; each risky
statement is preceded by \`-- hazard <kind>: <why>; safer: <alternative>\`. Statements PostgreSQL
refuses inside a transaction stand outside BEGIN/COMMIT, and apply runs them alone.
Reviewers may edit the body (add a backfill UPDATE, reorder); \`schema-bot check\` proves the edit.
The database is asked, read-only, whether its rows make a statement fail (NULLs under a new NOT
NULL, rows a new CHECK or foreign key rejects, duplicates under a new unique key, values a type
change cannot convert); such a statement gets \`-- fails on production: …\` and a commented fix
above it, and a warning on stderr. Each statement that locks a table the database has is printed
on stderr with the lock it takes, whether it rewrites or scans the table, and the table's rows and
size there: \`risk high|medium|low: <file>:<line> "<statement>" rewrites public.t: ~41 M rows, 12 GB,
ACCESS EXCLUSIVE for the whole rewrite\`. Locks and rewrites on tables under
${DEFAULT_SMALL_TABLE_ROWS.toLocaleString('en')} rows are rated low; data loss never is. Nothing is written when the database already matches.

Options:
  --out FILE           where to write the plan, inside the current directory (no symbolic link
                       leading out of it), or - for stdout (default: pending.sql)
  --online             on tables that hold rows, use the patterns PostgreSQL offers for busy
                       tables: CREATE/DROP INDEX CONCURRENTLY, foreign keys and checks NOT VALID
                       then VALIDATE, SET NOT NULL through a validated CHECK, UNIQUE/PRIMARY KEY
                       USING INDEX built concurrently; those statements run outside transactions
  --detailed-exitcode  exit 2 when a plan was written, 0 when there is nothing to do
${DATABASE_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'changes', 'busy'])}

Examples:
  schema-bot plan --database-url "$DATABASE_URL" --schema schema/
  schema-bot plan --online --out - | less`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DATABASE_OPTIONS,
        out: { type: 'string', default: 'pending.sql' },
        online: { type: 'boolean', default: false },
        'detailed-exitcode': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const settings = databaseSettings({ values, env, spelling: FLAG_SPELLING });
    const out = values.out === '-' ? undefined : await requirePathInRepository(process.cwd(), values.out!, '--out');
    const plan = await makePlan({
      ...settings,
      source: await headCommit(settings.schemaPath),
      now: new Date(),
      online: values.online,
      log: (m) => stderr(`${m}\n`),
    });
    if (!plan.text) {
      stderr('no changes: the database matches the schema; no plan written\n');
      return EXIT.ok;
    }
    if (out) await writeFile(out, plan.text);
    else stdout(plan.text);
    const place = (line: number) => (out ? `${values.out}:${line}` : `line ${line} of the plan`);
    for (const f of plan.failures) stderr(`warning: ${place(f.line)} "${f.statement}" fails on the database's rows: ${f.failure}\n`);
    for (const r of plan.risk) stderr(`risk ${r.severity}: ${place(r.line)} "${r.sql}" ${describeRisk(r)}\n`);
    stderr(`${plan.id}: ${plan.actions.length} statement(s)${values.out === '-' ? '' : ` written to ${values.out}`}\n`);
    return values['detailed-exitcode'] ? EXIT.changes : EXIT.ok;
  },
};
