import { createHash } from 'node:crypto';
import { fakeBranches } from './fake-branches.js';
import { mergeInBare } from './git-remote.js';
import { startFakeHost, type FakeHost, type HostRequest, type HostResponse } from './fake-host.js';
import { findEndpoint, requestProblems, responseProblems, type Endpoint } from './gitlab-api.js';

export interface FakeMergeRequest {
  iid: number;
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
  author: string;
  labels: string[];
  reviewers: string[];
  approvedBy: { user: string; at: string }[];
  notes: { id: number; author: string; body: string }[];
  /** The target branch's commit when the merge request was opened: its commits are those after it. */
  baseSha: string;
  /** One per head the source branch had, as GitLab records a diff version on each push. */
  versions: { id: number; head: string; createdAt: string }[];
  /** The project the source branch lives in: the project itself, or a fork of it. */
  sourceProjectId: number;
}

export interface FakeGitLabOptions {
  projectPath?: string;
  defaultBranch?: string;
  /** Accepted access tokens (PRIVATE-TOKEN) and the user each belongs to. */
  tokens?: Record<string, string>;
  users?: string[];
  /** Access levels (10 Guest, 20 Reporter, 30 Developer, 40 Maintainer) other than Developer; 0 is no member. */
  members?: Record<string, number>;
  /** A bare repository whose branches are the project's; without it, setBranch(). */
  bareRepo?: string;
}

export interface FakeGitLab extends FakeHost {
  projectId: number;
  mergeRequests: FakeMergeRequest[];
  statuses: { sha: string; name: string; state: string; description: string }[];
  violations: string[];
  setBranch(name: string, sha: string): void;
  /** Protects the branch so that the bot may not push to it. */
  protectBranch(name: string): void;
  /** Approves now, after the head's push. */
  approve(iid: number, user: string): void;
  /** Marks the merge request merged; with a bare repository, also merges its branch there. */
  merge(iid: number): void;
  /** A merge request into the project from a branch of someone's fork, as that person opens it. */
  openFromFork(mr: { sourceBranch: string; title: string; description: string; author: string }): FakeMergeRequest;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const PROJECT_ID = 17;
const FORK_PROJECT_ID = 4242;

/**
 * GitLab's REST API v4 on loopback for the endpoints schema-bot uses (see gitlab-api.ts for the
 * documented shapes each request and response is checked against).
 */
export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const projectPath = options.projectPath ?? 'acme/app';
  const defaultBranch = options.defaultBranch ?? 'main';
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const branches = fakeBranches(options.bareRepo);
  const protectedNames = new Set<string>([defaultBranch]);
  const closedToBot = new Set<string>();
  const mergeRequests: FakeMergeRequest[] = [];
  const statuses: FakeGitLab['statuses'] = [];
  const violations: string[] = [];
  const users = [...new Set([...(options.users ?? []), ...tokens.values()])];
  let nextId = 1;
  let host: FakeHost | undefined;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  /** Each event a second after the one before, so that GitLab's timestamps order them. */
  const now = () => new Date((clock += 1000)).toISOString();
  const accessLevel = (username: string) => options.members?.[username] ?? (users.includes(username) ? 30 : 0);
  /** GitLab adds a diff version when the source branch moves; the fake notices when it looks. */
  const noticePush = (mr: FakeMergeRequest) => {
    const head = branchSha(mr.sourceBranch);
    if (head && mr.state === 'opened' && mr.versions.at(-1)?.head !== head) mr.versions.push({ id: nextId++, head, createdAt: now() });
  };

  const branchSha = branches.sha;
  const web = (path: string) => `https://gitlab.fake/${projectPath}${path}`;
  const userJson = (username: string) => ({ id: users.indexOf(username) + 1 || 999, username, name: username, state: 'active', avatar_url: null, web_url: `https://gitlab.fake/${username}` });
  const mrJson = (mr: FakeMergeRequest) => ({
    id: 1000 + mr.iid, iid: mr.iid, project_id: PROJECT_ID, source_project_id: mr.sourceProjectId, target_project_id: PROJECT_ID, title: mr.title, description: mr.description, state: mr.state,
    created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', merged_at: mr.state === 'merged' ? '2026-01-02T00:00:00Z' : null,
    closed_at: mr.state === 'closed' ? '2026-01-02T00:00:00Z' : null, target_branch: mr.targetBranch, source_branch: mr.sourceBranch,
    author: userJson(mr.author), assignees: [], reviewers: mr.reviewers.map(userJson), labels: mr.labels, draft: false,
    sha: branchSha(mr.sourceBranch) ?? sha1(`deleted ${mr.sourceBranch}`), merge_commit_sha: null, web_url: web(`/-/merge_requests/${mr.iid}`),
    detailed_merge_status: 'mergeable',
  });

  const respond = (endpoint: Endpoint, status: number, body?: unknown, headers?: Record<string, string>): HostResponse => {
    violations.push(...responseProblems(endpoint, status, body).map((p) => `fake answered wrongly: ${p}`));
    return { status, body, headers };
  };
  const notFound = (endpoint: Endpoint, what: string) => respond(endpoint, 404, { message: `404 ${what} Not Found` });
  const withMr = (endpoint: Endpoint, iid: string | undefined, serve: (mr: FakeMergeRequest) => HostResponse) => {
    const mr = mergeRequests.find((m) => m.iid === Number(iid));
    if (mr) noticePush(mr);
    return mr ? serve(mr) : notFound(endpoint, 'Merge Request');
  };
  const paged = (endpoint: Endpoint, request: HostRequest, items: unknown[]) => {
    const page = Number(request.query.get('page') ?? 1);
    const perPage = Number(request.query.get('per_page') ?? 20);
    const more = items.length > page * perPage;
    const next = new URLSearchParams({ ...Object.fromEntries(request.query), page: String(page + 1) });
    return respond(endpoint, 200, items.slice((page - 1) * perPage, page * perPage), {
      'x-page': String(page), 'x-per-page': String(perPage), 'x-total': String(items.length), 'x-next-page': more ? String(page + 1) : '',
      ...(more ? { link: `<${host!.url}${request.path}?${next}>; rel="next"` } : {}),
    });
  };

  function serve(endpoint: Endpoint, params: Record<string, string>, request: HostRequest, user: string): HostResponse {
    const body = (request.body ?? {}) as Record<string, any>;
    const q = request.query;
    switch (endpoint.name) {
      case 'projects/show':
        return respond(endpoint, 200, { id: PROJECT_ID, default_branch: defaultBranch, path_with_namespace: projectPath, web_url: web('') });
      case 'branches/show': {
        const sha = branchSha(params.branch!);
        if (!sha) return notFound(endpoint, 'Branch');
        const isProtected = protectedNames.has(params.branch!);
        return respond(endpoint, 200, { name: params.branch, protected: isProtected, default: params.branch === defaultBranch, merged: false, developers_can_push: !isProtected, developers_can_merge: !isProtected, can_push: !closedToBot.has(params.branch!), web_url: web(`/-/tree/${params.branch}`), commit: { id: sha } });
      }
      case 'branches/delete':
        if (!branchSha(params.branch!)) return notFound(endpoint, 'Branch');
        branches.remove(params.branch!);
        return respond(endpoint, 204);
      case 'merge_requests/list': {
        const state = q.get('state') ?? 'all';
        const found = mergeRequests
          .filter((m) => state === 'all' || m.state === state)
          .filter((m) => !q.get('source_branch') || m.sourceBranch === q.get('source_branch'))
          .sort((a, b) => (q.get('sort') === 'asc' ? a.iid - b.iid : b.iid - a.iid));
        return paged(endpoint, request, found.map(mrJson));
      }
      case 'merge_requests/show':
        return withMr(endpoint, params.merge_request_iid, (mr) => respond(endpoint, 200, mrJson(mr)));
      case 'merge_requests/create': {
        if (!branchSha(body.source_branch)) return respond(endpoint, 422, { message: ['Source branch does not exist'] });
        if (mergeRequests.some((m) => m.state === 'opened' && m.sourceProjectId === PROJECT_ID && m.sourceBranch === body.source_branch)) {
          return respond(endpoint, 409, { message: ['Another open merge request already exists for this source branch'] });
        }
        const mr: FakeMergeRequest = { iid: nextId++, sourceBranch: body.source_branch, targetBranch: body.target_branch, title: body.title, description: body.description ?? '', state: 'opened', author: user, labels: body.labels ? String(body.labels).split(',') : [], reviewers: [], approvedBy: [], notes: [], baseSha: branchSha(body.target_branch) ?? sha1(body.target_branch), versions: [], sourceProjectId: PROJECT_ID };
        mergeRequests.push(mr);
        noticePush(mr);
        return respond(endpoint, 201, mrJson(mr));
      }
      case 'merge_requests/update':
        return withMr(endpoint, params.merge_request_iid, (mr) => {
          if (body.title !== undefined) mr.title = body.title;
          if (body.description !== undefined) mr.description = body.description;
          if (body.state_event === 'close') mr.state = 'closed';
          if (body.labels !== undefined) mr.labels = String(body.labels).split(',').filter(Boolean);
          for (const l of String(body.add_labels ?? '').split(',').filter(Boolean)) if (!mr.labels.includes(l)) mr.labels.push(l);
          const removed = String(body.remove_labels ?? '').split(',');
          mr.labels = mr.labels.filter((l) => !removed.includes(l));
          if (body.reviewer_ids) mr.reviewers = (body.reviewer_ids as number[]).map((id) => users[id - 1] ?? `user${id}`);
          return respond(endpoint, 200, mrJson(mr));
        });
      case 'notes/create':
        return withMr(endpoint, params.merge_request_iid, (mr) => {
          const id = nextId++;
          mr.notes.push({ id, author: user, body: body.body });
          return respond(endpoint, 201, { id, body: body.body, author: userJson(user), created_at: '2026-01-01T00:00:00Z', system: false, noteable_type: 'MergeRequest', noteable_iid: mr.iid });
        });
      case 'notes/list':
        return withMr(endpoint, params.merge_request_iid, (mr) => {
          const notes = mr.notes.map((n) => ({ id: n.id, body: n.body, author: userJson(n.author), created_at: '2026-01-01T00:00:00Z', system: false, noteable_type: 'MergeRequest', noteable_iid: mr.iid }));
          return paged(endpoint, request, q.get('sort') === 'desc' ? notes.reverse() : notes);
        });
      case 'notes/update':
        return withMr(endpoint, params.merge_request_iid, (mr) => {
          const note = mr.notes.find((n) => n.id === Number(params.note_id));
          // GitLab lets only a note's author edit its text.
          if (!note || note.author !== user) return respond(endpoint, 404, { message: '404 Not found' });
          note.body = body.body;
          return respond(endpoint, 200, { id: note.id, body: note.body, author: userJson(user), created_at: '2026-01-01T00:00:00Z', system: false, noteable_type: 'MergeRequest', noteable_iid: mr.iid });
        });
      case 'merge_requests/approvals':
        return withMr(endpoint, params.merge_request_iid, (mr) =>
          respond(endpoint, 200, { id: 1000 + mr.iid, iid: mr.iid, project_id: PROJECT_ID, state: mr.state, approved: mr.approvedBy.length > 0, approved_by: mr.approvedBy.map((a) => ({ user: userJson(a.user), approved_at: a.at })) }),
        );
      case 'merge_requests/versions':
        return withMr(endpoint, params.merge_request_iid, (mr) =>
          paged(endpoint, request, [...mr.versions].reverse().map((v) => ({ id: v.id, head_commit_sha: v.head, base_commit_sha: mr.baseSha, start_commit_sha: mr.baseSha, created_at: v.createdAt, merge_request_id: 1000 + mr.iid, state: 'collected', real_size: '1' }))),
        );
      case 'merge_requests/commits':
        return withMr(endpoint, params.merge_request_iid, (mr) =>
          paged(endpoint, request, branches.commits(mr.baseSha, mr.versions.at(-1)?.head ?? mr.baseSha).reverse().map((c) => ({
            id: c.sha, short_id: c.sha.slice(0, 8), title: c.message, message: c.message, author_name: c.authorName, author_email: c.authorEmail, authored_date: c.date,
            committer_name: c.committerName, committer_email: c.committerEmail, committed_date: c.date, created_at: c.date, parent_ids: [], web_url: web(`/-/commit/${c.sha}`),
          }))),
        );
      case 'members/show-all': {
        const username = users[Number(params.user_id) - 1];
        if (!username || accessLevel(username) === 0) return notFound(endpoint, 'Member');
        return respond(endpoint, 200, { ...userJson(username), access_level: accessLevel(username) });
      }
      case 'commits/status': {
        const status = { sha: params.sha!, name: body.name ?? body.context ?? 'default', state: body.state, description: body.description ?? '' };
        statuses.push(status);
        return respond(endpoint, 201, { id: nextId++, sha: status.sha, ref: null, status: status.state, name: status.name, target_url: body.target_url ?? null, description: status.description, created_at: '2026-01-01T00:00:00Z', author: userJson(user) });
      }
      case 'users/list':
        return paged(endpoint, request, users.filter((u) => !q.get('username') || u === q.get('username')).map(userJson));
      default:
        throw new Error(`unserved ${endpoint.name}`);
    }
  }

  host = await startFakeHost((request) => {
    const found = findEndpoint(request.method, request.path);
    if (!found) {
      violations.push(`${request.method} ${request.path} is not an endpoint the GitLab fake knows`);
      return { status: 404, body: { error: '404 Not Found' } };
    }
    const projectRef = found.params.id;
    if (projectRef !== undefined && projectRef !== String(PROJECT_ID) && projectRef !== projectPath) return { status: 404, body: { message: '404 Project Not Found' } };
    const wrong = requestProblems(found.endpoint, request.query, request.body);
    if (wrong.length > 0) {
      violations.push(...wrong.map((w) => `${request.method} ${request.path}: ${w}`));
      return { status: 400, body: { error: wrong.join('; ') } };
    }
    const user = tokens.get(String(request.headers['private-token'] ?? ''));
    if (!user) return { status: 401, body: { message: '401 Unauthorized' } };
    return serve(found.endpoint, found.params, request, user);
  });

  return {
    ...host,
    projectId: PROJECT_ID,
    mergeRequests,
    statuses,
    violations,
    setBranch: branches.set,
    protectBranch: (name) => {
      protectedNames.add(name);
      closedToBot.add(name);
    },
    approve: (iid, user) => {
      const mr = mergeRequests.find((m) => m.iid === iid)!;
      noticePush(mr);
      // One approval per user: approving again (after a reset) replaces the old one.
      mr.approvedBy = [...mr.approvedBy.filter((a) => a.user !== user), { user, at: now() }];
    },
    merge: (iid) => {
      const mr = mergeRequests.find((m) => m.iid === iid)!;
      noticePush(mr);
      if (options.bareRepo) mergeInBare(options.bareRepo, mr.targetBranch, mr.sourceBranch, `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'`);
      mr.state = 'merged';
    },
    openFromFork: (draft) => {
      const mr: FakeMergeRequest = { iid: nextId++, ...draft, targetBranch: defaultBranch, state: 'opened', labels: [], reviewers: [], approvedBy: [], notes: [], baseSha: branchSha(defaultBranch) ?? sha1(defaultBranch), versions: [], sourceProjectId: FORK_PROJECT_ID };
      mergeRequests.push(mr);
      return mr;
    },
  };
}
