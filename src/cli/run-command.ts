import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { configFlags, configHelp } from '../config/options.js';
import type { Forge } from '../forge/forge.js';
import { resolveHost, selectForge } from '../forge/select.js';
import { openRepository } from '../git/repository.js';
import { loadTemplates } from '../templates/render.js';
import { runWorkflow } from '../workflow/run.js';
import { actor } from './apply-settings.js';
import { UsageError, type Command } from './command.js';
import { EXIT, exitCodeHelp } from './exit-codes.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'the bot: apply a merged plan, or open, update or close the schema-change merge request',
  help: `Usage: schema-bot run [--repo DIR] [--database-url URL] [--shadow-url URL] [settings]

Run it in CI on every push to the default branch (and on a schedule, to notice drift). What it does
depends only on the remote, never on local state:

  pending.sql on the default branch (a plan was merged) → APPLY
    reads the merged merge request of the plan (its branch is the plan id); a plan that deletes
    data needs the required approvals from the approvers (anyone but the bot when none are
    configured), else nothing is applied and the merge request says what is missing (exit 5);
    applies as \`schema-bot apply\` does (advisory lock, ledger, fingerprint checks); removes
    pending.sql in a commit to the default branch (a merge request does it where the branch is
    protected); comments the result. A rerun is safe: the ledger makes apply a no-op.

  otherwise → PLAN
    diffs the database against schema/*.sql of the checkout. Nothing to do: an open bot merge
    request is closed with a comment and its branch deleted. Changes: pending.sql is committed to
    a new branch <prefix><UTC time> from the default branch and a merge request opened, labelled
    and, when it deletes data, sent to the reviewers with the commit status
    schema-bot/destructive-approval pending until the approvals exist. An open bot merge request
    (found by branch prefix and a hidden marker) is updated when the plan changed and left alone
    when it did not; a branch with a person's commits is never overwritten (a comment says so).

A job summary is printed to stdout (and appended to $GITHUB_STEP_SUMMARY when set).

Options:
  --repo DIR           the checkout (default: the current directory); .schema-bot.yml is read there
  --database-url URL   the production database (default: $DATABASE_URL)
  --shadow-url URL     a server for temporary shadow databases (default: $SHADOW_DATABASE_URL,
                       else an embedded PGlite)
  --config FILE        the settings file (default: .schema-bot.yml)
  -h, --help           show this help

Settings (flag, environment variable, key in .schema-bot.yml):
${configHelp()}

Hosts and their credentials (environment only, never printed):
  github   GITHUB_TOKEN (contents, pull-requests, statuses: write) or a GitHub App
           (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID); GITHUB_REPOSITORY
  gitlab   GITLAB_TOKEN, a project or group access token (api, write_repository); CI_JOB_TOKEN
           cannot open merge requests; CI_SERVER_URL and CI_PROJECT_ID
  local    no host: merge requests are markdown files under .schema-bot/merge-requests/, printed
           as they are written; approve by adding your name under approved_by, merge with git

${exitCodeHelp(['ok', 'error', 'drift', 'notConverging', 'refused', 'busy'])}

Examples:
  # GitHub Actions, on push to main
  schema-bot run --host github          # DATABASE_URL and GITHUB_TOKEN from secrets
  # GitLab CI, on the default branch
  schema-bot run --host gitlab          # DATABASE_URL and GITLAB_TOKEN from masked variables
  # on a laptop, against a development database
  schema-bot run --host local --database-url postgres://postgres@localhost/app_dev`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { ...configFlags(), 'database-url': { type: 'string' }, 'shadow-url': { type: 'string' }, repo: { type: 'string' } },
      strict: true,
    });
    const dir = path.resolve(values.repo ?? process.cwd());
    const config = await loadConfig({ cwd: dir, env, flags: values });
    const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
    if (!databaseUrl) throw new UsageError('no database: pass --database-url or set DATABASE_URL');
    const log = (m: string) => stderr(`${m}\n`);

    let forge: Forge | undefined;
    const repo = openRepository({ dir, author: config.commitAuthor, credentials: async () => forge?.gitCredentials() });
    const local = resolveHost(config.host, env) === 'local';
    const localDefault = local ? await repo.remoteDefaultBranch() : '';
    forge = selectForge({
      host: config.host,
      env,
      log,
      local: {
        dir: path.join(dir, '.schema-bot', 'merge-requests'),
        defaultBranch: localDefault,
        print: (markdown) => stdout(`${markdown}\n`),
        headOf: async (branch) => {
          await repo.fetch(branch);
          return (await repo.resolve(`origin/${branch}`)) ?? '';
        },
        removeBranch: (branch) => repo.deleteBranch(branch),
      },
    });
    const outcome = await runWorkflow({
      config,
      forge,
      repo,
      templates: await loadTemplates(config.templateDir),
      databaseUrl,
      shadowUrl: values['shadow-url'] ?? (env.SHADOW_DATABASE_URL || undefined),
      defaultBranch: local ? localDefault : await forge.defaultBranch(),
      appliedBy: actor(env),
      now: new Date(),
      log,
      lockRetries: 3,
      backoffMs: 1000,
    });
    stdout(outcome.summary);
    if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, outcome.summary);
    return outcome.result === 'apply-refused' ? EXIT.refused : EXIT.ok;
  },
};
