import { parseArgs } from 'node:util';
import { checkAndReport } from '../app/check-and-report.js';
import { EXIT, exitCodeHelp } from '../app/exit-codes.js';
import { databaseSettings, FLAG_SPELLING } from '../app/settings.js';
import { checkPlan } from '../apply/check-plan.js';
import { gateReasons } from '../plan/gate.js';
import { loadPlan } from '../plan/plan-file.js';
import { BOT_OPTIONS } from './bot-options.js';
import { type Command } from './command.js';
import { DATABASE_OPTIONS, DATABASE_OPTIONS_HELP } from './common-options.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'prove that pending.sql, as written, turns the database into schema/*.sql',
  help: `Usage: schema-bot check [--plan FILE] [--report] [--database-url URL] [--schema PATH] [--shadow-url URL]

Proves a plan before anyone merges it, without changing the database:
  1. the database must still have the plan's base fingerprint; otherwise the drift is printed as
     the SQL the database now needs to reach schema/*.sql;
  2. the database's schema is rebuilt in a shadow and pending.sql is run there exactly as written,
     reviewers' edits (a backfill UPDATE, a reordering) included;
  3. the result must equal schema/*.sql; otherwise what still differs is printed as SQL;
  4. every statement is classified from its SQL as data-loss, data-change or unverifiable (DO,
     CALL, SELECT, functions someone wrote run on production's rows); the plan's
     "-- hazard <class>:" comments and its "-- hazards:" header must say exactly that, else the
     check fails naming the line. A plan of a gated class still checks out, and says that it
     needs approval before apply;
  5. the database is asked, read-only and briefly, whether its rows make a statement fail (NULLs
     under a new NOT NULL or primary key, rows a new CHECK or foreign key rejects, duplicates
     under a new unique key, values a type change cannot convert), up to the first statement of
     a class above: after a backfill its rows no longer tell. A question that cannot be answered
     in time, or on a table larger than probe_max_rows, is a warning, never a failure.
SQL goes to stdout, the one-line verdict to stderr.

With --report (in the pipeline of the bot's merge request) the verdict is also reported on the
host: the commit status schema-bot/check on the checked-out commit, a comment on the open bot
merge request, and the status schema-bot/destructive-approval brought up to date. Settings then
come from .schema-bot.yml, the environment and flags as for \`schema-bot run\` (see its --help).

Options:
  --plan FILE          the plan to check (default: pending.sql, or pending_file with --report)
  --report             report the verdict on the host as well
${DATABASE_OPTIONS_HELP}
  --repo DIR           with --report: the checkout (default: the current directory)
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'drift', 'notConverging', 'busy'])}

Examples:
  schema-bot check --plan pending.sql --database-url "$DATABASE_URL"
  schema-bot check || echo "exit $? - see above"
  schema-bot check --report --host gitlab   # in the merge request pipeline of change-schema-*`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { ...BOT_OPTIONS, ...DATABASE_OPTIONS, plan: { type: 'string' }, report: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.report) {
      await checkAndReport({ values, env, spelling: FLAG_SPELLING }, { stdout, log: (m) => stderr(`${m}\n`) }, { planFile: values.plan });
      stderr(`the plan checks out; reported on the merge request\n`);
      return EXIT.ok;
    }
    const settings = databaseSettings({ values, env, spelling: FLAG_SPELLING });
    const plan = await loadPlan(values.plan ?? 'pending.sql');
    const gate = await checkPlan({ ...settings, plan, log: (m) => stderr(`${m}\n`) });
    if (gate.needsApproval) stderr(`${plan.header.id} needs approval before apply: it ${gateReasons(gate)}\n`);
    stderr(`${plan.header.id} checks out: the database is at its base and the plan produces schema/*.sql\n`);
    return EXIT.ok;
  },
};
