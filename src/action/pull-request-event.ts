import { fromFork, pullRequestOf } from '../app/merge-request-head.js';

export interface PullRequestHead {
  /** The pull request's branch. */
  ref: string;
  /** The branch's latest commit: where statuses belong, not the merge commit a checkout gets. */
  sha: string;
}

/**
 * The head of the pull request the event is about; undefined for any other event. A review
 * counts: an approval changes the destructive-approval status.
 */
export async function pullRequestHead(env: NodeJS.ProcessEnv): Promise<PullRequestHead | undefined> {
  const head = (await pullRequestOf(env))?.head;
  return head?.ref && head.sha ? { ref: head.ref, sha: head.sha } : undefined;
}

/**
 * Refuses a `pull_request_target` event whose head is a fork's branch. Such a workflow runs with
 * the repository's secrets and a write token, while the fork's schema files and plan are anyone's
 * to write. A deleted fork leaves no head repository, and counts as a fork.
 */
export async function refuseForkPullRequestTarget(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.GITHUB_EVENT_NAME !== 'pull_request_target') return;
  const pullRequest = await pullRequestOf(env);
  if (!pullRequest || !fromFork(pullRequest)) return;
  const head = pullRequest.head?.repo?.full_name;
  throw new Error(
    `refused: this pull_request_target event comes from ${head ? `the fork ${head}` : 'a fork'}; such a workflow holds the ` +
      "repository's secrets and write token, so schema-bot does not run a fork's schema or plan in it. " +
      "Run schema-bot check on pull_request instead, where a fork's pull request gets no secrets and is skipped.",
  );
}
