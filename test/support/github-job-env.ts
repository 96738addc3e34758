import type { FakeGitHub } from './fake-github.js';

/** What the runner sets for a job of `event` in the fake's repository. */
export function githubJobEnv(fake: FakeGitHub, event: { name: string; ref: string; sha: string }): Record<string, string> {
  return {
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_SERVER_URL: 'https://github.fake',
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REF: event.ref,
    GITHUB_SHA: event.sha,
    GITHUB_ACTOR: 'pat',
    // The fake has no secondary rate limit; GitHub's spacing of writes would only add seconds.
    SCHEMA_BOT_GITHUB_PACING: 'off',
  };
}
