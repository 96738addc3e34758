import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { CommitStatus, Forge, GitCredentials, MergeRequest, MergeRequestDraft } from './forge.js';
import { ForgeError, hostCall } from './forge-error.js';
import { HOSTS } from './hosts.js';

/** A personal or workflow token, or a GitHub App acting as one of its installations. */
export type GitHubAuth =
  | { token: string }
  | { appId: string; privateKey: string; installationId: number };

export interface GitHubForgeOptions {
  /** https://api.github.com, or GITHUB_API_URL on GitHub Enterprise and in Actions. */
  apiUrl: string;
  owner: string;
  repo: string;
  auth: GitHubAuth;
  /** Scales every wait before a retry (GitHub's Retry-After is in seconds); tests shorten it. */
  retryAfterBaseMs?: number;
  /**
   * GitHub asks for a second between writes and more between writes that notify people (the
   * throttling plugin's default pacing); tests against a fake turn it off.
   */
  paceWrites?: boolean;
  /** Where retries are reported. */
  log?: (message: string) => void;
}

const RETRIES = 3;

/** The fields of a pull request (full or listed) the bot reads. */
interface PullFields {
  number: number;
  html_url: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  title: string;
  body: string | null;
  state: string;
  merged_at: string | null;
  user: { login: string } | null;
  labels: { name?: string }[];
}

const unpaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

const BotOctokit = Octokit.plugin(throttling, retry);

function toMergeRequest(pull: PullFields): MergeRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    branch: pull.head.ref,
    baseBranch: pull.base.ref,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.merged_at ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    author: pull.user?.login ?? '',
    headSha: pull.head.sha,
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
  };
}

interface ReviewFields {
  user: { login: string } | null;
  state: string;
  commit_id: string | null;
  author_association: string;
}

/** How GitHub relates an account with write access (or more) to the repository. */
const WRITERS = ['OWNER', 'MEMBER', 'COLLABORATOR'];

/**
 * The review that counts per reviewer is their last one that approved, requested changes or was
 * dismissed; it stands for `head` when it was given on that commit, by someone GitHub relates to
 * the repository (MEMBER only says organisation member: the permission is asked after this).
 */
function approvalsOnHead(reviews: ReviewFields[], head: string): string[] {
  const verdict = new Map<string, ReviewFields>();
  for (const review of reviews) {
    if (review.user && review.state !== 'COMMENTED' && review.state !== 'PENDING') verdict.set(review.user.login, review);
  }
  return [...verdict]
    .filter(([, r]) => r.state === 'APPROVED' && r.commit_id === head && WRITERS.includes(r.author_association))
    .map(([login]) => login);
}

export function createGitHubForge(options: GitHubForgeOptions): Forge {
  const { owner, repo } = options;
  const log = options.log ?? (() => {});
  const base = options.retryAfterBaseMs ?? 1000;
  const secrets = () => ('token' in options.auth ? [options.auth.token] : [options.auth.privateKey, ...issuedTokens]);
  const issuedTokens: string[] = [];
  const retryOnLimit = (after: number, request: { method: string; url: string }, _: unknown, retryCount: number) => {
    log(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${after}s`);
    return retryCount < RETRIES;
  };
  const octokit = new BotOctokit({
    baseUrl: options.apiUrl.replace(/\/$/, ''),
    userAgent: 'schema-bot',
    ...('token' in options.auth
      ? { auth: options.auth.token }
      : { authStrategy: createAppAuth, auth: { ...options.auth } }),
    throttle: {
      onRateLimit: retryOnLimit,
      onSecondaryRateLimit: retryOnLimit,
      retryAfterBaseValue: base,
      ...(options.paceWrites === false ? { write: unpaced(), notifications: unpaced() } : {}),
    },
    retry: { retries: RETRIES, retryAfterBaseValue: base },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: () => {} },
  });
  const call = <T>(what: string, fn: () => Promise<T>) => hostCall(`GitHub: ${what}`, secrets, fn);
  const ignoreMissing = (error: unknown) => {
    if (!(error instanceof ForgeError && (error.status === 404 || error.status === 422))) throw error;
  };

  return {
    host: 'github',
    bodyLimit: HOSTS.github.bodyLimit,

    async defaultBranch() {
      const { data } = await call(`read repository ${owner}/${repo}`, () => octokit.rest.repos.get({ owner, repo }));
      return data.default_branch;
    },

    async pushRestricted(branch) {
      const { data } = await call(`read branch ${branch}`, () => octokit.rest.repos.getBranch({ owner, repo, branch }));
      return data.protected;
    },

    async findOpenBotMergeRequest(branchPrefix, marker) {
      const pulls = await call('list open pull requests', () =>
        octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 }),
      );
      const own = pulls.find(
        (p) => p.head.ref.startsWith(branchPrefix) && p.head.repo?.full_name === p.base.repo.full_name && (p.body ?? '').includes(marker),
      );
      return own && toMergeRequest(own);
    },

    async findMergeRequestByBranch(branch) {
      const { data } = await call(`find pull request from ${branch}`, () =>
        octokit.rest.pulls.list({ owner, repo, state: 'all', head: `${owner}:${branch}`, sort: 'created', direction: 'desc' }),
      );
      return data[0] && toMergeRequest(data[0]);
    },

    async openMergeRequest(draft: MergeRequestDraft) {
      const { data } = await call(`open pull request from ${draft.branch}`, () =>
        octokit.rest.pulls.create({ owner, repo, head: draft.branch, base: draft.baseBranch, title: draft.title, body: draft.body }),
      );
      return toMergeRequest(data);
    },

    async updateMergeRequest(mr, change) {
      const { data } = await call(`update pull request #${mr.number}`, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number: mr.number, ...change }),
      );
      return toMergeRequest(data);
    },

    async closeMergeRequest(mr) {
      await call(`close pull request #${mr.number}`, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number: mr.number, state: 'closed' }),
      );
    },

    async deleteBranch(branch) {
      await call(`delete branch ${branch}`, () => octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` })).catch(
        ignoreMissing,
      );
    },

    async comment(mr, body) {
      await call(`comment on pull request #${mr.number}`, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: mr.number, body }),
      );
    },

    async comments(mr) {
      const listed = await call(`read comments of pull request #${mr.number}`, () =>
        octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: mr.number, per_page: 100 }),
      );
      return listed.map((c) => ({ id: c.id, body: c.body ?? '' }));
    },

    async editComment(mr, id, body) {
      await call(`edit a comment on pull request #${mr.number}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body }));
    },

    async setLabels(mr, change) {
      if (change.add.length > 0) {
        await call(`label pull request #${mr.number}`, () =>
          octokit.rest.issues.addLabels({ owner, repo, issue_number: mr.number, labels: change.add }),
        );
      }
      for (const name of change.remove.filter((l) => mr.labels.includes(l))) {
        await call(`remove label ${name} from pull request #${mr.number}`, () =>
          octokit.rest.issues.removeLabel({ owner, repo, issue_number: mr.number, name }),
        ).catch(ignoreMissing);
      }
    },

    async requestReviewers(mr, usernames) {
      const reviewers = [...new Set(usernames)].filter((u) => u.toLowerCase() !== mr.author.toLowerCase());
      const request = (asked: string[]) =>
        call(`request ${asked.join(', ')} to review pull request #${mr.number}`, () =>
          octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: mr.number, reviewers: asked }),
        );
      if (reviewers.length === 0) return [];
      try {
        await request(reviewers);
        return reviewers;
      } catch (error) {
        // GitHub refuses the whole request when one name is not a collaborator: ask one by one
        // so the others are still asked, and say who was not.
        if (!(error instanceof ForgeError && error.status === 422) || reviewers.length === 1) throw error;
      }
      const asked: string[] = [];
      for (const reviewer of reviewers) {
        await request([reviewer]).then(
          () => asked.push(reviewer),
          (error: unknown) => log(`not asking ${reviewer} to review: ${(error as Error).message}`),
        );
      }
      return asked;
    },

    async approvals(mr, head) {
      const reviews = await call(`read reviews of pull request #${mr.number}`, () =>
        octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: mr.number, per_page: 100 }),
      );
      const onHead = approvalsOnHead(reviews, head);
      if (onHead.length === 0) return [];
      // Whoever wrote or committed a change on the branch (a reviewer's edit) cannot approve it.
      // GitHub ties a commit to an account by its email; a commit under an email no account has is
      // tied to nobody.
      const commits = await call(`read commits of pull request #${mr.number}`, () =>
        octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: mr.number, per_page: 100 }),
      );
      const authors = new Set([mr.author, ...commits.flatMap((c) => [c.author?.login, c.committer?.login])].filter(Boolean).map((l) => l!.toLowerCase()));
      const counted: string[] = [];
      for (const login of onHead.filter((l) => !authors.has(l.toLowerCase()))) {
        const permission = await call(`read the permission of ${login}`, () =>
          octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login }),
        ).then(
          ({ data }) => data.permission,
          (error: unknown) => (error instanceof ForgeError && error.status === 404 ? 'none' : Promise.reject(error)),
        );
        // `write` stands for write and maintain too.
        if (permission === 'admin' || permission === 'write') counted.push(login);
      }
      return counted.sort();
    },

    async setCommitStatus(sha, status: CommitStatus) {
      await call(`set status ${status.context} on ${sha.slice(0, 12)}`, () =>
        octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha,
          context: status.context,
          state: status.state,
          // GitHub refuses descriptions over 140 characters.
          description: status.description.slice(0, 140),
          ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
        }),
      );
    },

    async gitCredentials(): Promise<GitCredentials> {
      if ('token' in options.auth) return { username: 'x-access-token', password: options.auth.token };
      const { token } = (await call('create an installation token', () => octokit.auth({ type: 'installation' }))) as { token: string };
      issuedTokens.push(token);
      return { username: 'x-access-token', password: token };
    },
  };
}
