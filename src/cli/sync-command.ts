import { parseArgs } from 'node:util';
import { applyWithSettings } from '../app/apply-with-settings.js';
import { allowedHazards, databaseSettings, FLAG_SPELLING, timingOf, type Given } from '../app/settings.js';
import { headCommit } from '../git/head-commit.js';
import { refuseUnlessAllowed } from '../plan/gate.js';
import { makePlan } from '../plan/make-plan.js';
import { parsePlan } from '../plan/plan-file.js';
import { ALLOW_HAZARDS_OPTION, TIMING_OPTIONS, TIMING_OPTIONS_HELP } from './apply-options.js';
import { type Command } from './command.js';
import { DATABASE_OPTIONS, DATABASE_OPTIONS_HELP } from './common-options.js';
import { EXIT, exitCodeHelp } from '../app/exit-codes.js';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'plan and apply in one step, for your own development database',
  help: `Usage: schema-bot sync [--allow-hazards data-loss] [--database-url URL] [--schema PATH] [--shadow-url URL] [timing options]

Brings a development database to schema/*.sql at once: makes the plan that \`schema-bot plan\` would
write, prints it to stdout, and applies it as \`schema-bot apply\` does (advisory lock, ledger,
fingerprint checks). Statements that lose data are refused unless --allow-hazards data-loss is
given, as apply refuses them.
For production, use plan, review, check and apply instead.

Options:
  --allow-hazards data-loss
                       apply statements that drop tables, columns, types, … and their data
  --allow-data-loss    the same, under its older name
${TIMING_OPTIONS_HELP}
${DATABASE_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'refused', 'busy'])}

Examples:
  schema-bot sync --database-url postgres://postgres@localhost/app_dev
  schema-bot sync --allow-hazards data-loss`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { ...DATABASE_OPTIONS, ...TIMING_OPTIONS, ...ALLOW_HAZARDS_OPTION, 'allow-data-loss': { type: 'boolean', default: false } },
      strict: true,
    });
    const given: Given = { values, env, spelling: FLAG_SPELLING };
    const settings = databaseSettings(given);
    const log = (m: string) => stderr(`${m}\n`);
    // The plan's read of the database waits for locks as the apply after it does.
    const waits = timingOf(given);
    const made = await makePlan({ ...settings, lockWaits: waits, source: await headCommit(settings.schemaPath), now: new Date(), log });
    if (!made.text) {
      stderr('no changes: the database matches the schema\n');
      return EXIT.ok;
    }
    stdout(made.text);
    const plan = await parsePlan(made.text, made.id);
    // The plan is the engine's own, never edited: only losing data needs saying yes to.
    const allowed = allowedHazards(given);
    if (values['allow-data-loss']) allowed.add('data-loss');
    const authorize = refuseUnlessAllowed(allowed, () => FLAG_SPELLING.howToGive('allow-hazards', 'data-loss'));
    const outcome = await applyWithSettings(plan, { gated: ['data-loss'], authorize }, settings, waits, env, log);
    log(`${plan.header.id}: ${outcome}`);
    return EXIT.ok;
  },
};
