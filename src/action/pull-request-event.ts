import { readFile } from 'node:fs/promises';

export interface PullRequestHead {
  /** The pull request's branch. */
  ref: string;
  /** The branch's latest commit: where statuses belong, not the merge commit a checkout gets. */
  sha: string;
}

/**
 * The head of the pull request a `pull_request`, `pull_request_target` or `pull_request_review`
 * event is about, from the event payload the runner wrote to $GITHUB_EVENT_PATH; undefined for
 * any other event. A review counts: an approval changes the destructive-approval status.
 */
export async function pullRequestHead(env: NodeJS.ProcessEnv): Promise<PullRequestHead | undefined> {
  if (!env.GITHUB_EVENT_PATH || !/^pull_request(_target|_review)?$/.test(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { head?: { ref?: string; sha?: string } } };
  const head = event.pull_request?.head;
  return head?.ref && head.sha ? { ref: head.ref, sha: head.sha } : undefined;
}
