import path from 'node:path';
import { actor } from '../app/actor.js';
import { READ_LOCK_WAITS } from '../plan/lock-retries.js';
import { databaseUrlOf, shadowUrlOf, type Given } from '../app/settings.js';
import { loadConfigAt } from '../config/config-at-revision.js';
import { loadConfig } from '../config/load-config.js';
import { configFlags } from '../config/options.js';
import type { Forge } from '../forge/forge.js';
import { resolveHost, selectForge } from '../forge/select.js';
import { openRepository } from '../git/repository.js';
import { loadTemplates } from '../templates/render.js';
import type { RunContext } from '../workflow/context.js';

/** The flags of every command that acts as the bot: the settings, the databases, the checkout. */
export const BOT_OPTIONS = {
  ...configFlags(),
  'database-url': { type: 'string' },
  'shadow-url': { type: 'string' },
  repo: { type: 'string' },
} as const;

export const BOT_OPTIONS_HELP = `  --repo DIR           the checkout (default: the current directory); .schema-bot.yml is read there
  --database-url URL   the production database (default: $DATABASE_URL)
  --shadow-url URL     a server for temporary shadow databases (default: $SHADOW_DATABASE_URL,
                       else an embedded PGlite)
  --config FILE        the settings file (default: .schema-bot.yml)`;

/**
 * The configuration, host, repository and templates the bot works with, from the flags and the
 * environment. The host's credentials reach git only when git talks to an HTTP remote.
 */
export async function botContext(
  given: Given & { values: Readonly<Record<string, string | boolean | undefined>> },
  io: { stdout: (text: string) => void; log: (message: string) => void },
): Promise<RunContext> {
  const { env, values } = given;
  const dir = path.resolve(typeof values.repo === 'string' ? values.repo : process.cwd());
  const config = await loadConfig({ cwd: dir, env, flags: values });
  const databaseUrl = databaseUrlOf(given);

  let forge: Forge | undefined;
  const repo = openRepository({ dir, author: config.commitAuthor, credentials: async () => forge?.gitCredentials() });
  // The local host has no API to ask; its merge requests name the remote's default branch.
  const local = resolveHost(config.host, env) === 'local';
  const localDefault = local ? await repo.remoteDefaultBranch() : '';
  forge = selectForge({
    host: config.host,
    env,
    log: io.log,
    local: {
      dir: path.join(dir, '.schema-bot', 'merge-requests'),
      defaultBranch: localDefault,
      print: (markdown) => io.stdout(`${markdown}\n`),
      headOf: async (branch) => {
        // A branch deleted after its merge has no head any more.
        const fetched = await repo.fetch(branch).then(() => true, () => false);
        return (fetched && (await repo.resolve(`origin/${branch}`))) || '';
      },
      contains: (branch, commit) => repo.contains(`origin/${branch}`, commit),
      removeBranch: (branch) => repo.deleteBranch(branch),
    },
  });
  return {
    config,
    configAt: (rev) => loadConfigAt(repo, rev, { cwd: dir, env, flags: values }),
    forge,
    repo,
    templates: await loadTemplates(config.templateDir),
    databaseUrl,
    shadowUrl: shadowUrlOf(given),
    defaultBranch: local ? localDefault : await forge.defaultBranch(),
    appliedBy: actor(env),
    now: new Date(),
    log: io.log,
    lockRetries: READ_LOCK_WAITS.lockRetries,
    backoffMs: READ_LOCK_WAITS.backoffMs,
  };
}
