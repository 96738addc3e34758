import { readFile } from 'node:fs/promises';

/** The branch of a merge request a pipeline runs for, its latest commit, and whether it comes from a fork. */
export interface MergeRequestHead {
  ref: string;
  sha: string;
  fork: boolean;
}

/** The fields of a webhook's pull_request object that schema-bot reads. */
export interface PullRequestPayload {
  head?: { ref?: string; sha?: string; repo?: { full_name?: string } | null };
  base?: { repo?: { full_name?: string } };
}

/**
 * The pull request a `pull_request`, `pull_request_target` or `pull_request_review` event is
 * about, from the event payload the runner wrote to $GITHUB_EVENT_PATH; undefined for any other event.
 */
export async function pullRequestOf(env: NodeJS.ProcessEnv): Promise<PullRequestPayload | undefined> {
  if (!env.GITHUB_EVENT_PATH || !/^pull_request(_target|_review)?$/.test(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  return (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: PullRequestPayload }).pull_request;
}

/** A deleted fork leaves no head repository, and counts as a fork. */
export const fromFork = (pullRequest: PullRequestPayload) => {
  const head = pullRequest.head?.repo?.full_name;
  return !head || head !== pullRequest.base?.repo?.full_name;
};

/**
 * The merge request this pipeline runs for, as the host's CI says: a GitHub pull request event,
 * or GitLab's merge request pipeline variables. Undefined in any other pipeline.
 */
export async function mergeRequestHead(env: NodeJS.ProcessEnv): Promise<MergeRequestHead | undefined> {
  const pullRequest = await pullRequestOf(env);
  if (pullRequest?.head?.ref && pullRequest.head.sha) return { ref: pullRequest.head.ref, sha: pullRequest.head.sha, fork: fromFork(pullRequest) };
  const ref = env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME;
  const sha = env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA || env.CI_COMMIT_SHA;
  if (!ref || !sha) return undefined;
  return { ref, sha, fork: Boolean(env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID) && env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID !== env.CI_MERGE_REQUEST_PROJECT_ID };
}
