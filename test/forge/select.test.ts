import { describe, expect, it } from 'vitest';
import { forgeSecrets } from '../../src/secrets/forge-secrets.js';
import { resolveHost, selectForge } from '../../src/forge/select.js';

const local = { dir: '/nonexistent', defaultBranch: 'main', print: () => {} };

describe('choosing the host', () => {
  it('follows the CI it runs in unless told', () => {
    expect(resolveHost('auto', { GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(resolveHost('auto', { GITLAB_CI: 'true' })).toBe('gitlab');
    expect(resolveHost('auto', {})).toBe('local');
    expect(resolveHost('gitlab', { GITHUB_ACTIONS: 'true' })).toBe('gitlab');
    expect(selectForge({ host: 'auto', env: {}, local }).host).toBe('local');
  });

  it('says which variable is missing, and why a job token will not do', () => {
    expect(() => selectForge({ host: 'github', env: { GITHUB_TOKEN: 'ghp_x' }, local })).toThrow(/GITHUB_REPOSITORY is not set/);
    expect(() => selectForge({ host: 'github', env: { GITHUB_REPOSITORY: 'acme/app' }, local })).toThrow(/GITHUB_TOKEN is not set: .*or a GitHub App/);
    expect(() => selectForge({ host: 'github', env: { GITHUB_REPOSITORY: 'acme/app', GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: 'k' }, local })).toThrow(/GITHUB_APP_INSTALLATION_ID is not set/);
    expect(() => selectForge({ host: 'gitlab', env: { CI_PROJECT_ID: '17', CI_JOB_TOKEN: 'glcbt-x' }, local })).toThrow(/CI_JOB_TOKEN cannot create or update merge requests/);
    expect(selectForge({ host: 'gitlab', env: { CI_PROJECT_ID: '17', GITLAB_TOKEN: 'glpat-x' }, local }).host).toBe('gitlab');
    expect(forgeSecrets({ GITHUB_TOKEN: 'a', GITLAB_TOKEN: 'b', CI_JOB_TOKEN: 'c', GITHUB_APP_PRIVATE_KEY: 'd', HOME: '/root' })).toEqual(['a', 'd', 'b', 'c']);
  });
});
