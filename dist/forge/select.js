import { ForgeError } from './forge-error.js';
import { createGitHubForge } from './github.js';
import { createGitLabForge, refuseJobToken } from './gitlab.js';
import { createLocalForge } from './local.js';
/** `auto` means the CI the bot runs in: GitHub Actions, GitLab CI, or neither (local). */
export function resolveHost(host, env) {
    if (host !== 'auto')
        return host;
    if (env.GITHUB_ACTIONS === 'true')
        return 'github';
    if (env.GITLAB_CI === 'true')
        return 'gitlab';
    return 'local';
}
function required(env, name, why) {
    const value = env[name];
    if (!value)
        throw new ForgeError(`${name} is not set: ${why}`);
    return value;
}
/**
 * The forge for where the bot runs, configured from the environment only: repository and API
 * URL from the variables CI sets (GITHUB_REPOSITORY, GITHUB_API_URL; CI_SERVER_URL, CI_PROJECT_ID),
 * credentials from GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_APP_INSTALLATION_ID), or GITLAB_TOKEN.
 */
export function selectForge(selection) {
    const { env } = selection;
    const host = resolveHost(selection.host, env);
    if (host === 'local')
        return createLocalForge(selection.local);
    if (host === 'github') {
        const [owner, repo] = required(env, 'GITHUB_REPOSITORY', 'the repository as owner/name').split('/');
        if (!owner || !repo)
            throw new ForgeError('GITHUB_REPOSITORY must look like owner/name');
        const app = env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY;
        const auth = app
            ? {
                appId: env.GITHUB_APP_ID,
                // Secrets stores often keep a PEM on one line with literal \n.
                privateKey: env.GITHUB_APP_PRIVATE_KEY.replace(/\\n/g, '\n'),
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
            paceWrites: selection.paceWrites,
        });
    }
    const project = env.CI_PROJECT_ID || required(env, 'GITLAB_PROJECT', 'the project id or path (CI_PROJECT_ID in a pipeline)');
    return createGitLabForge({
        url: env.CI_SERVER_URL || env.GITLAB_URL || 'https://gitlab.com',
        project: /^\d+$/.test(project) ? Number(project) : project,
        token: refuseJobToken(env.GITLAB_TOKEN, env.CI_JOB_TOKEN),
    });
}
//# sourceMappingURL=select.js.map