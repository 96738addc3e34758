import { parseArgs } from 'node:util';
import { checkPlan } from '../plan/check-plan.js';
import { loadPlan } from '../plan/plan-file.js';
import { type Command } from './command.js';
import { DATABASE_OPTIONS, DATABASE_OPTIONS_HELP, databaseSettings } from './common-options.js';
import { EXIT, exitCodeHelp } from './exit-codes.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'prove that pending.sql, as written, turns the database into schema/*.sql',
  help: `Usage: schema-bot check [--plan FILE] [--database-url URL] [--schema PATH] [--shadow-url URL]

Proves a plan before anyone merges it, without changing the database:
  1. the database must still have the plan's base fingerprint; otherwise the drift is printed as
     the SQL the database now needs to reach schema/*.sql;
  2. the database's schema is rebuilt in a shadow and pending.sql is run there exactly as written,
     reviewers' edits (a backfill UPDATE, a reordering) included;
  3. the result must equal schema/*.sql; otherwise what still differs is printed as SQL.
SQL goes to stdout, the one-line verdict to stderr.

Options:
  --plan FILE          the plan to check (default: pending.sql)
${DATABASE_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'drift', 'notConverging'])}

Examples:
  schema-bot check --plan pending.sql --database-url "$DATABASE_URL"
  schema-bot check || echo "exit $? - see above"`,

  async run({ argv, env, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { ...DATABASE_OPTIONS, plan: { type: 'string', default: 'pending.sql' } },
      strict: true,
    });
    const settings = databaseSettings(values, env);
    const plan = await loadPlan(values.plan!);
    await checkPlan({ ...settings, plan, log: (m) => stderr(`${m}\n`) });
    stderr(`${plan.header.id} checks out: the database is at its base and the plan produces schema/*.sql\n`);
    return EXIT.ok;
  },
};
