import path from 'node:path';
import { loadConfigAt } from '../config/config-at-revision.js';
import { loadConfig } from '../config/load-config.js';
import type { Forge } from '../forge/forge.js';
import { resolveHost, selectForge } from '../forge/select.js';
import { openRepository } from '../git/repository.js';
import { READ_LOCK_WAITS } from '../engine/lock-retries.js';
import { loadTemplates } from '../templates/render.js';
import type { RunContext } from '../workflow/context.js';
import { actor } from './actor.js';
import { resolveTargets } from '../fleet/resolve-targets.js';
import { databaseUrlOf, givenDatabaseUrl, jobsOf, shadowUrlOf, type Given } from './settings.js';

/** What a bot command was given: flags or inputs are text or switches, as the settings file's are. */
export type BotGiven = Given & { values: Readonly<Record<string, string | boolean | undefined>> };

/** Where the bot's output goes: the local host prints its merge requests on `stdout`; progress goes to `log`. */
export interface BotIO {
  stdout(text: string): void;
  log(message: string): void;
}

/**
 * Everything a run of the bot works with (workflow/context.ts says what that is), built in this
 * one place for every front end: the configuration, host, repository and templates, from what the
 * front end was given (flags, inputs) and the environment. The host's credentials reach git only
 * when git talks to an HTTP remote.
 */
export async function botContext(given: BotGiven, io: BotIO): Promise<RunContext> {
  const { env, values } = given;
  const dir = path.resolve(typeof values.repo === 'string' ? values.repo : process.cwd());
  const config = await loadConfig({ cwd: dir, env, flags: values });
  // With targets, the databases come from the settings; one given still serves commands of one database.
  const databaseUrl = config.targets.length > 0 ? givenDatabaseUrl(given) : databaseUrlOf(given);

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
    resolveTargets: (specs) => resolveTargets(specs, env),
    jobs: jobsOf(given),
    shadowUrl: shadowUrlOf(given),
    defaultBranch: local ? localDefault : await forge.defaultBranch(),
    appliedBy: actor(env),
    now: new Date(),
    log: io.log,
    lockRetries: READ_LOCK_WAITS.lockRetries,
    backoffMs: READ_LOCK_WAITS.backoffMs,
  };
}
