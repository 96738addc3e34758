import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { actor } from '../../src/app/actor.js';
import { createGitHubForge } from '../../src/forge/github.js';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import { ciActor, GITHUB_BODY_LIMIT, stepSummaryOf } from '../../src/forge/hosts.js';
import { createLocalForge } from '../../src/forge/local.js';

describe('what each host says of itself', () => {
  it('takes merge request bodies up to its own limit', () => {
    const github = createGitHubForge({ apiUrl: 'http://127.0.0.1:1', owner: 'acme', repo: 'app', auth: { token: 'ghp_x' } });
    const gitlab = createGitLabForge({ url: 'http://127.0.0.1:1', project: 17, token: 'glpat-x' });
    const local = createLocalForge({ dir: '/nonexistent', defaultBranch: 'main', print: () => {} });
    expect([github.bodyLimit, gitlab.bodyLimit, local.bodyLimit]).toEqual([GITHUB_BODY_LIMIT, 1_000_000, Number.POSITIVE_INFINITY]);
  });

  it('names who started the pipeline by its CI\'s variable, under SCHEMA_BOT_ACTOR, over the OS user', () => {
    expect(ciActor({ GITHUB_ACTOR: 'octo' })).toBe('octo');
    expect(ciActor({ GITLAB_USER_LOGIN: 'tanuki' })).toBe('tanuki');
    expect(ciActor({ HOME: '/root' })).toBeUndefined();
    expect(actor({ SCHEMA_BOT_ACTOR: 'release', GITHUB_ACTOR: 'octo' })).toBe('release');
    expect(actor({ GITLAB_USER_LOGIN: 'tanuki' })).toBe('tanuki');
    expect(actor({})).toBe(userInfo().username);
  });

  it('hands a job summary to the CI that shows one, with the most it takes', () => {
    expect(stepSummaryOf({ GITHUB_STEP_SUMMARY: '/runner/summary.md' })).toEqual({ file: '/runner/summary.md', limit: 1024 * 1024 });
    expect(stepSummaryOf({ GITLAB_CI: 'true', GITLAB_USER_LOGIN: 'tanuki' })).toBeUndefined();
  });
});
