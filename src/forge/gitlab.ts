import { Gitlab } from '@gitbeaker/rest';
import type { CommitStatus, Forge, GitCredentials, MergeRequest } from './forge.js';
import { ForgeError, hostCall } from './forge-error.js';
import { HOSTS } from './hosts.js';

export interface GitLabForgeOptions {
  /** The instance, e.g. https://gitlab.com (CI_SERVER_URL in a pipeline). */
  url: string;
  /** Numeric id or full path, e.g. `group/app` (CI_PROJECT_ID in a pipeline). */
  project: string | number;
  /** A project or group access token with the api scope. */
  token: string;
}

/** The fields of a merge request the bot reads, as GitLab's REST API returns them. */
interface MergeRequestFields {
  iid: number;
  web_url: string;
  source_branch: string;
  target_branch: string;
  title: string;
  description: string | null;
  state: string;
  author: { username: string };
  sha: string;
  labels: unknown[];
  source_project_id: number;
  target_project_id: number;
}

function toMergeRequest(mr: MergeRequestFields): MergeRequest {
  return {
    number: mr.iid,
    url: mr.web_url,
    branch: mr.source_branch,
    baseBranch: mr.target_branch,
    title: mr.title,
    body: mr.description ?? '',
    state: mr.state === 'merged' ? 'merged' : mr.state === 'opened' ? 'open' : 'closed',
    author: mr.author.username,
    headSha: mr.sha,
    labels: mr.labels.map((l) => (typeof l === 'string' ? l : String((l as { name: string }).name))),
  };
}

/** An approval as GET /merge_requests/:iid/approvals lists it; `approved_at` since GitLab 18.4. */
interface ApprovalFields {
  user: { id: number; username: string; name: string };
  approved_at?: string | null;
}

/** GitLab's Developer role: the least that may push to a project. */
const DEVELOPER = 30;

/**
 * Whether `user` wrote or committed one of `commits`. GitLab lists a merge request's commits by
 * the names and emails git recorded, tied to no account: the user's name and username are compared
 * with those names, and the username with each email's local part. A person who commits under
 * names and an email unlike their account's is not seen.
 */
function authored(user: ApprovalFields['user'], commits: { author_name: string; author_email: string; committer_name: string; committer_email: string }[]): boolean {
  const own = new Set([user.username, user.name].map((n) => n.toLowerCase()));
  return commits.some((c) =>
    [c.author_name, c.committer_name, c.author_email.split('@')[0]!, c.committer_email.split('@')[0]!].some((n) => own.has(n.toLowerCase())),
  );
}

/** GitLab commit states; `failure` and `error` both read as failed there. */
const GITLAB_STATE = { pending: 'pending', success: 'success', failure: 'failed', error: 'failed' } as const;

/**
 * A CI job token may read the project but cannot open merge requests, label them or push, so the
 * bot refuses it up front with the way out rather than failing later with a bare 403.
 */
export function refuseJobToken(token: string | undefined, jobToken: string | undefined): string {
  if (token && token !== jobToken) return token;
  throw new ForgeError(
    'GitLab: GITLAB_TOKEN must be a project or group access token (role Developer or higher, scopes api and ' +
      'write_repository). CI_JOB_TOKEN cannot create or update merge requests or push branches; create an access ' +
      'token under Settings > Access tokens and store it as a masked CI/CD variable named GITLAB_TOKEN.',
  );
}

export function createGitLabForge(options: GitLabForgeOptions): Forge {
  const api = new Gitlab({ host: options.url.replace(/\/$/, ''), token: options.token });
  const projectId = options.project;
  const call = <T>(what: string, fn: () => Promise<T>) => hostCall(`GitLab: ${what}`, () => [options.token], fn);
  const ignoreMissing = (error: unknown) => {
    if (!(error instanceof ForgeError && error.status === 404)) throw error;
  };

  return {
    host: 'gitlab',
    bodyLimit: HOSTS.gitlab.bodyLimit,

    async defaultBranch() {
      const project = await call(`read project ${projectId}`, () => api.Projects.show(projectId));
      return String(project.default_branch);
    },

    async pushRestricted(branch) {
      // GitLab protects the default branch by default yet lets Maintainers push: can_push says
      // what this token's user may do.
      const found = await call(`read branch ${branch}`, () => api.Branches.show(projectId, branch));
      return !found.can_push;
    },

    async findOpenBotMergeRequest(branchPrefix, marker) {
      const open = (await call('list open merge requests', () =>
        api.MergeRequests.all({ projectId, state: 'opened', perPage: 100 }),
      )) as unknown as MergeRequestFields[];
      // Anyone may open a merge request from a fork's branch of the same name with the marker
      // copied into its description: only one whose branch lives in this project is the bot's.
      const own = open.find((mr) => mr.source_project_id === mr.target_project_id && mr.source_branch.startsWith(branchPrefix) && (mr.description ?? '').includes(marker));
      return own && toMergeRequest(own);
    },

    async findMergeRequestByBranch(branch) {
      const found = (await call(`find merge request from ${branch}`, () =>
        api.MergeRequests.all({ projectId, sourceBranch: branch, orderBy: 'created_at', sort: 'desc', perPage: 20, maxPages: 1 }),
      )) as unknown as MergeRequestFields[];
      // A fork's merge request may come from a branch of the same name: only this project's counts.
      const own = found.find((mr) => mr.source_project_id === mr.target_project_id);
      return own && toMergeRequest(own);
    },

    async openMergeRequest(draft) {
      const mr = await call(`open merge request from ${draft.branch}`, () =>
        api.MergeRequests.create(projectId, draft.branch, draft.baseBranch, draft.title, { description: draft.body }),
      );
      return toMergeRequest(mr as unknown as MergeRequestFields);
    },

    async updateMergeRequest(mr, change) {
      const updated = await call(`update merge request !${mr.number}`, () =>
        api.MergeRequests.edit(projectId, mr.number, {
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.body !== undefined ? { description: change.body } : {}),
        }),
      );
      return toMergeRequest(updated as unknown as MergeRequestFields);
    },

    async closeMergeRequest(mr) {
      await call(`close merge request !${mr.number}`, () => api.MergeRequests.edit(projectId, mr.number, { stateEvent: 'close' }));
    },

    async deleteBranch(branch) {
      await call(`delete branch ${branch}`, () => api.Branches.remove(projectId, branch)).catch(ignoreMissing);
    },

    async comment(mr, body) {
      await call(`comment on merge request !${mr.number}`, () => api.MergeRequestNotes.create(projectId, mr.number, body));
    },

    async comments(mr) {
      const notes = await call(`read comments of merge request !${mr.number}`, () =>
        api.MergeRequestNotes.all(projectId, mr.number, { sort: 'asc', orderBy: 'created_at', perPage: 100 }),
      );
      return notes.filter((n) => !n.system).map((n) => ({ id: n.id, body: n.body }));
    },

    async editComment(mr, id, body) {
      await call(`edit a comment on merge request !${mr.number}`, () => api.MergeRequestNotes.edit(projectId, mr.number, id, { body }));
    },

    async setLabels(mr, change) {
      if (change.add.length === 0 && change.remove.length === 0) return;
      await call(`label merge request !${mr.number}`, () =>
        api.MergeRequests.edit(projectId, mr.number, {
          ...(change.add.length ? { addLabels: change.add.join(',') } : {}),
          ...(change.remove.length ? { removeLabels: change.remove.join(',') } : {}),
        }),
      );
    },

    async requestReviewers(mr, usernames) {
      const wanted = [...new Set(usernames)].filter((u) => u.toLowerCase() !== mr.author.toLowerCase());
      const users: { id: number; username: string }[] = [];
      for (const username of wanted) {
        const found = (await call(`look up user ${username}`, () => api.Users.all({ username }))) as unknown as { id: number; username: string }[];
        if (found[0]) users.push(found[0]);
      }
      if (users.length === 0) return [];
      const current = (await call(`read merge request !${mr.number}`, () => api.MergeRequests.show(projectId, mr.number))) as unknown as {
        reviewers?: { id: number }[];
      };
      const reviewerIds = [...new Set([...(current.reviewers ?? []).map((r) => r.id), ...users.map((u) => u.id)])];
      await call(`request reviewers on merge request !${mr.number}`, () => api.MergeRequests.edit(projectId, mr.number, { reviewerIds }));
      return users.map((u) => u.username);
    },

    async approvals(mr, head) {
      // GET /merge_requests/:iid/approvals answers on every tier, unlike approval_state. Only
      // Premium can reset approvals on push, so an approval counts when given after the push that
      // made `head` the head: the latest diff version's. A GitLab too old to say when an approval
      // was given (approved_at) has none that count.
      const state = (await call(`read approvals of merge request !${mr.number}`, () =>
        api.MergeRequestApprovals.showConfiguration(projectId, { mergerequestIId: mr.number }),
      )) as unknown as { approved_by?: ApprovalFields[] };
      const versions = (await call(`read versions of merge request !${mr.number}`, () =>
        api.MergeRequests.allDiffVersions(projectId, mr.number),
      )) as unknown as { id: number; head_commit_sha: string; created_at: string }[];
      const latest = versions.reduce<(typeof versions)[number] | undefined>((last, v) => (last && last.id > v.id ? last : v), undefined);
      if (latest?.head_commit_sha !== head) return [];
      const onHead = (state.approved_by ?? []).filter(
        (a) => a.user.username !== mr.author && a.approved_at && Date.parse(a.approved_at) > Date.parse(latest.created_at),
      );
      if (onHead.length === 0) return [];
      const commits = (await call(`read commits of merge request !${mr.number}`, () =>
        api.MergeRequests.allCommits(projectId, mr.number),
      )) as unknown as Parameters<typeof authored>[1];
      const counted: string[] = [];
      for (const { user } of onHead.filter((a) => !authored(a.user, commits))) {
        const member = await call(`read the role of ${user.username}`, () =>
          api.ProjectMembers.show(projectId, user.id, { includeInherited: true }),
        ).catch((error: unknown) => (error instanceof ForgeError && error.status === 404 ? undefined : Promise.reject(error)));
        if (Number(member?.access_level) >= DEVELOPER) counted.push(user.username);
      }
      return counted.sort();
    },

    async setCommitStatus(sha, status: CommitStatus) {
      await call(`set status ${status.context} on ${sha.slice(0, 12)}`, () =>
        api.Commits.editStatus(projectId, sha, GITLAB_STATE[status.state], {
          name: status.context,
          description: status.description.slice(0, 255),
          ...(status.targetUrl ? { targetUrl: status.targetUrl } : {}),
        }),
      );
    },

    async gitCredentials(): Promise<GitCredentials> {
      return { username: 'oauth2', password: options.token };
    },
  };
}
