import type { Forge } from './forge.js';
import { ForgeError } from './forge-error.js';
import { createGitHubForge } from './github.js';
import { createGitLabForge, refuseJobToken } from './gitlab.js';
import type { HostName } from './hosts.js';
import { createLocalForge, type LocalForgeOptions } from './local.js';

/** `auto` means the CI the bot runs in: GitHub Actions, GitLab CI, or neither (local). */
export function resolveHost(host: HostName | 'auto', env: NodeJS.ProcessEnv): HostName {
  if (host !== 'auto') return host;
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return 'local';
}

export interface ForgeSelection {
  host: HostName | 'auto';
  env: NodeJS.ProcessEnv;
  /** How the local host keeps and shows merge requests; used only when the host is local. */
  local: LocalForgeOptions;
  /** Where retries and rate limits are reported. */
  log?: (message: string) => void;
  /** Test knob: shortens waits before retries. */
  retryAfterBaseMs?: number;
  /** Test knob: GitHub's pacing of writes (on unless false). */
  paceWrites?: boolean;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name];
  if (!value) throw new ForgeError(`${name} is not set: ${why}`);
  return value;
}

/**
 * The forge for where the bot runs, configured from the environment only: repository and API
 * URL from the variables CI sets (GITHUB_REPOSITORY, GITHUB_API_URL; CI_SERVER_URL, CI_PROJECT_ID),
 * credentials from GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_APP_INSTALLATION_ID), or GITLAB_TOKEN.
 */
export function selectForge(selection: ForgeSelection): Forge {
  const { env } = selection;
  const host = resolveHost(selection.host, env);
  if (host === 'local') return createLocalForge(selection.local);
  if (host === 'github') {
    const [owner, repo] = required(env, 'GITHUB_REPOSITORY', 'the repository as owner/name').split('/');
    if (!owner || !repo) throw new ForgeError('GITHUB_REPOSITORY must look like owner/name');
    const app = env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY;
    const auth = app
      ? {
          appId: env.GITHUB_APP_ID!,
          // Secrets stores often keep a PEM on one line with literal \n.
          privateKey: env.GITHUB_APP_PRIVATE_KEY!.replace(/\\n/g, '\n'),
          installationId: Number(required(env, 'GITHUB_APP_INSTALLATION_ID', 'the installation of the GitHub App on this repository')),
        }
      : { token: required(env, 'GITHUB_TOKEN', 'a token with contents, pull-requests and statuses write permission, or a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID)') };
    return createGitHubForge({
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      owner,
      repo,
      auth,
      log: selection.log,
      retryAfterBaseMs: selection.retryAfterBaseMs,
      // GitHub asks integrations to space writes out (1 s apart, 3 s for those that notify people).
      // SCHEMA_BOT_GITHUB_PACING=off drops the spacing where no secondary rate limit applies: a
      // GitHub Enterprise Server with rate limits disabled, or a local fake in tests.
      paceWrites: selection.paceWrites ?? env.SCHEMA_BOT_GITHUB_PACING !== 'off',
    });
  }
  const project = env.CI_PROJECT_ID || required(env, 'GITLAB_PROJECT', 'the project id or path (CI_PROJECT_ID in a pipeline)');
  return createGitLabForge({
    url: env.CI_SERVER_URL || env.GITLAB_URL || 'https://gitlab.com',
    project: /^\d+$/.test(project) ? Number(project) : project,
    token: refuseJobToken(env.GITLAB_TOKEN, env.CI_JOB_TOKEN),
  });
}
