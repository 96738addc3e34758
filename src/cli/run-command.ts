import { appendFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exitCodeHelp } from '../app/exit-codes.js';
import { runBot } from '../app/run-bot.js';
import { FLAG_SPELLING } from '../app/settings.js';
import { configHelp } from '../config/options.js';
import { stepSummaryOf } from '../forge/hosts.js';
import { BOT_OPTIONS, BOT_OPTIONS_HELP } from './bot-options.js';
import { type Command } from './command.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'the bot: apply a merged plan, or open, update or close the schema-change merge request',
  help: `Usage: schema-bot run [--repo DIR] [--database-url URL] [--shadow-url URL] [--target NAME] [settings]

Run it in CI on every push to the default branch (and on a schedule, to notice drift). What it does
depends only on the remote, never on local state:

  pending.sql on the default branch (a plan was merged) → APPLY
    reads the merged merge request of the plan (its branch is the plan id); a plan whose
    statements are of a gated class (they delete or change data, or run code no check can
    verify; classified from the SQL itself) needs the required approvals from the approvers,
    else nothing is applied and the merge request says what is missing (exit 5);
    applies as \`schema-bot apply\` does (advisory lock, ledger, fingerprint checks); removes
    pending.sql in a commit to the default branch (a merge request does it where the branch is
    protected); comments the result. A rerun is safe: the ledger makes apply a no-op.

  otherwise → PLAN
    diffs the database against schema/*.sql of the checkout. Nothing to do: an open bot merge
    request is closed with a comment and its branch deleted. Changes: pending.sql is committed to
    a new branch <prefix><UTC time> from the default branch and a merge request opened, labelled
    and, when it needs approval, sent to the reviewers with the commit status
    schema-bot/destructive-approval pending until the approvals exist. An open bot merge request
    (found by branch prefix and a hidden marker) is updated when the plan changed and left alone
    when it did not; a branch with a person's commits is never overwritten (a comment says so).

A job summary is printed to stdout (and appended to $GITHUB_STEP_SUMMARY when set).

  with targets in .schema-bot.yml (many databases) → the same, for every target at once
    one merge request for the change: targets are read --jobs at a time and grouped by their
    base fingerprint; pending_dir (pending/) gets one plan file per group and manifest.json
    saying which targets run which file. After the merge, waves apply in ascending order, each
    only when every earlier wave has applied; a failure stops the later waves, and the next run
    resumes from each target's ledger. A target with promoted_from runs only a plan file a
    database of that environment has applied. --target NAME applies the merged plan to that one
    target (a CI matrix job; see schema-bot targets) and leaves the rest to the next run.

Options:
${BOT_OPTIONS_HELP}
  --target NAME        with targets: apply the merged plan to this target only
  -h, --help           show this help

Settings (flag, environment variable, key in .schema-bot.yml):
${configHelp()}

Hosts and their credentials (environment only, never printed):
  github   GITHUB_TOKEN (contents, pull-requests, statuses: write) or a GitHub App
           (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID); GITHUB_REPOSITORY
  gitlab   GITLAB_TOKEN, a project or group access token (api, write_repository); CI_JOB_TOKEN
           cannot open merge requests; CI_SERVER_URL and CI_PROJECT_ID
  local    no host: merge requests are markdown files under .schema-bot/merge-requests/, printed
           as they are written; approve by adding name@<full sha of the branch head> under
           approved_by (a later push leaves that approval behind), merge with git

${exitCodeHelp(['ok', 'error', 'drift', 'notConverging', 'refused', 'busy'])}

Examples:
  # GitHub Actions, on push to main
  schema-bot run --host github          # DATABASE_URL and GITHUB_TOKEN from secrets
  # GitLab CI, on the default branch
  schema-bot run --host gitlab          # DATABASE_URL and GITLAB_TOKEN from masked variables
  # on a laptop, against a development database
  schema-bot run --host local --database-url postgres://postgres@localhost/app_dev`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { ...BOT_OPTIONS, target: { type: 'string' } }, strict: true });
    const { outcome, exitCode } = await runBot({ values, env, spelling: FLAG_SPELLING }, { stdout, log: (m) => stderr(`${m}\n`) });
    stdout(outcome.summary);
    const summaryFile = stepSummaryOf(env)?.file;
    if (summaryFile) await appendFile(summaryFile, outcome.summary);
    return exitCode;
  },
};
