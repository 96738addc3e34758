import { parseArgs } from 'node:util';
import { exitCodeHelp } from '../app/exit-codes.js';
import { previewWithSettings } from '../app/preview-with-settings.js';
import { FLAG_SPELLING } from '../app/settings.js';
import { BOT_OPTIONS, BOT_OPTIONS_HELP } from './bot-options.js';
import { type Command } from './command.js';

export const previewCommand: Command = {
  name: 'preview',
  summary: 'on a merge request a person opened: comment the plan its merge would bring, with lint',
  help: `Usage: schema-bot preview [--branch NAME] [--repo DIR] [--database-url URL] [--shadow-url URL] [settings]

Run it in the pipeline of every merge request (GitHub: on pull_request; GitLab: in merge request
pipelines). It plans production against the schema checked out, read-only, as the bot will once
the merge request is merged, lints the schema (see schema-bot lint), and keeps one comment on
the merge request up to date: edited on every push, saying "no schema change any more" once the
branch stops changing the schema, never made for a branch that never did. The commit status
schema-bot/preview fails on a lint error, a statement production's rows make fail, or one of high
risk (it rewrites or scans a table over the risk setting's small_table_rows under a lock that
blocks writes); the exit code is 7 for a lint error, 4 for a failing statement, else 0.

The bot's own branches (the branch_prefix setting) are skipped: their merge request shows the
plan. A merge request from a fork is skipped before anything needs the database or the host:
its pipeline gets no secrets, and the fork's files are anyone's to write.

Options:
  --branch NAME        the merge request's branch (default: the pipeline's merge request, else
                       the branch checked out)
${BOT_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'notConverging', 'lintErrors'])}

Examples:
  # GitHub Actions, on pull_request
  schema-bot preview --host github      # DATABASE_URL (read-only role is enough) and GITHUB_TOKEN
  # GitLab CI, in a merge request pipeline
  schema-bot preview --host gitlab`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { ...BOT_OPTIONS, branch: { type: 'string' } }, strict: true });
    const { outcome, exitCode } = await previewWithSettings({ values, env, spelling: FLAG_SPELLING }, { stdout, log: (m) => stderr(`${m}\n`) });
    stdout(`${outcome.message}\n`);
    return exitCode;
  },
};
