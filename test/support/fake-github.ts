import { createHash, randomBytes, verify } from 'node:crypto';
import { fakeBranches } from './fake-branches.js';
import { mergeInBare } from './git-remote.js';
import { conform, findOperation, requestProblems, responseProblems, responseSchema, type Operation } from './openapi.js';
import { startFakeHost, type FakeHost, type HostRequest, type HostResponse } from './fake-host.js';

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  user: string;
  labels: string[];
  requestedReviewers: string[];
  reviews: FakeReview[];
  comments: { id: number; user: string; body: string }[];
  /** The base branch's commit when the pull request was opened: its commits are those after it. */
  baseSha: string;
}

export interface FakeReview {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  /** The head commit the review was given on. */
  commitId: string;
  /** How GitHub relates the reviewer to the repository (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …). */
  association: string;
}

export type FakePermission = 'admin' | 'write' | 'read' | 'none';

export interface FakeStatus {
  sha: string;
  context: string;
  state: string;
  description: string;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** Accepted tokens and the login each belongs to. */
  tokens?: Record<string, string>;
  /** A GitHub App whose JWTs (signed with the private key of `publicKey`) are accepted. */
  app?: { id: string; slug: string; publicKey: string; installationId: number };
  /** Who may be asked to review, with write permission; anyone when absent. */
  collaborators?: string[];
  /** Permissions other than the collaborators' write (and the owner's admin). */
  permissions?: Record<string, FakePermission>;
  /** Commit emails GitHub ties to an account, besides `<login>@users.noreply.github.com`. */
  accounts?: Record<string, string>;
  /** A bare repository whose branches are the repository's branches; without it, setBranch(). */
  bareRepo?: string;
}

export interface FakeGitHub extends FakeHost {
  apiUrl: string;
  owner: string;
  repo: string;
  pulls: FakePull[];
  statuses: FakeStatus[];
  /** Requests that do not follow GitHub's OpenAPI description, and responses of the fake that do not. */
  violations: string[];
  /** Whether the fake takes `token` (given, or issued to the app): git servers ask it too. */
  acceptsToken(token: string): boolean;
  setBranch(name: string, sha: string): void;
  protectBranch(name: string): void;
  /** A review on the pull request's current head, by someone related to the repository as their permission says, unless told otherwise. */
  review(number: number, user: string, state: FakeReview['state'], given?: Partial<Pick<FakeReview, 'commitId' | 'association'>>): void;
  /** Marks the pull request merged; with a bare repository, also merges its branch there. */
  merge(number: number): void;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * GitHub's REST API on loopback: the endpoints schema-bot uses, over an in-memory repository.
 * Every request is checked against GitHub's OpenAPI description (a wrong call answers 400 and
 * is listed in `violations`), and every answer is built from and checked against it too.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'app';
  const defaultBranch = options.defaultBranch ?? 'main';
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const branches = fakeBranches(options.bareRepo);
  const protectedNames = new Set<string>();
  const pulls: FakePull[] = [];
  const statuses: FakeStatus[] = [];
  const violations: string[] = [];
  let nextId = 1;
  let host: FakeHost | undefined;

  const branchSha = branches.sha;
  const permission = (login: string): FakePermission =>
    options.permissions?.[login] ?? (login === owner ? 'admin' : !options.collaborators || options.collaborators.includes(login) ? 'write' : 'none');
  const account = (email: string) => options.accounts?.[email] ?? /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
  const web = (path: string) => `https://github.fake/${owner}/${repo}${path}`;
  const userJson = (login: string) => ({ login, id: Number.parseInt(sha1(login).slice(0, 6), 16), type: login.endsWith('[bot]') ? 'Bot' : 'User' });
  const repoJson = () => ({ id: 1, name: repo, full_name: `${owner}/${repo}`, owner: userJson(owner), default_branch: defaultBranch, html_url: web('') });
  const pullJson = (p: FakePull) => ({
    id: p.number,
    number: p.number,
    html_url: web(`/pull/${p.number}`),
    url: `${host!.url}/repos/${owner}/${repo}/pulls/${p.number}`,
    state: p.state,
    title: p.title,
    body: p.body,
    user: userJson(p.user),
    labels: p.labels.map((name) => ({ id: Number.parseInt(sha1(name).slice(0, 6), 16), name, color: 'ededed', default: false })),
    requested_reviewers: p.requestedReviewers.map(userJson),
    head: { ref: p.head, sha: branchSha(p.head) ?? sha1(`deleted ${p.head}`), label: `${owner}:${p.head}`, user: userJson(owner), repo: repoJson() },
    base: { ref: p.base, sha: branchSha(p.base) ?? sha1(p.base), label: `${owner}:${p.base}`, user: userJson(owner), repo: repoJson() },
    merged: p.merged,
    merged_at: p.merged ? '2026-01-01T00:00:00Z' : null,
    draft: false,
  });

  const respond = (op: Operation, status: number, overlay?: unknown, headers?: Record<string, string>): HostResponse => {
    const body = overlay === undefined && !responseSchema(op, status) ? undefined : conform(responseSchema(op, status), overlay ?? {});
    violations.push(...responseProblems(op, status, body).map((p) => `fake answered wrongly: ${p}`));
    return { status, body, headers };
  };
  const failure = (op: Operation, status: number, message: string) =>
    respond(op, status, { message, documentation_url: 'https://docs.github.com/rest' });

  function identity(request: HostRequest): string | undefined {
    const [scheme, credential] = (request.headers.authorization ?? '').split(' ');
    if (!credential || !/^(token|bearer)$/i.test(scheme ?? '')) return undefined;
    return tokens.get(credential);
  }

  function appFromJwt(request: HostRequest): boolean {
    const [, jwt] = (request.headers.authorization ?? '').split(' ');
    const parts = jwt?.split('.') ?? [];
    if (!options.app || parts.length !== 3) return false;
    const [header, payload, signature] = parts as [string, string, string];
    const valid = verify('sha256', Buffer.from(`${header}.${payload}`), options.app.publicKey, Buffer.from(signature, 'base64url'));
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: unknown };
    return valid && String(claims.iss) === options.app.id;
  }

  const pullOr404 = (op: Operation, number: string | undefined, serve: (p: FakePull) => HostResponse) => {
    const pull = pulls.find((p) => p.number === Number(number));
    return pull ? serve(pull) : failure(op, 404, 'Not Found');
  };

  function serve(op: Operation, request: HostRequest, login: string): HostResponse {
    const body = (request.body ?? {}) as Record<string, any>;
    const { params } = op;
    switch (op.operationId) {
      case 'repos/get':
        return respond(op, 200, repoJson());
      case 'repos/get-branch': {
        const sha = branchSha(params.branch!);
        if (!sha) return failure(op, 404, 'Branch not found');
        return respond(op, 200, { name: params.branch, commit: { sha }, protected: protectedNames.has(params.branch!) });
      }
      case 'pulls/list': {
        const state = request.query.get('state') ?? 'open';
        const head = request.query.get('head');
        const page = Number(request.query.get('page') ?? 1);
        const perPage = Number(request.query.get('per_page') ?? 30);
        const matching = pulls
          .filter((p) => state === 'all' || p.state === state)
          .filter((p) => !head || `${owner}:${p.head}` === head)
          .sort((a, b) => b.number - a.number);
        const slice = matching.slice((page - 1) * perPage, page * perPage);
        const more = matching.length > page * perPage;
        const link = more ? { link: `<${host!.url}${request.path}?${new URLSearchParams({ ...Object.fromEntries(request.query), page: String(page + 1) })}>; rel="next"` } : undefined;
        return respond(op, 200, slice.map(pullJson), link);
      }
      case 'pulls/create': {
        if (!branchSha(body.head)) return respond(op, 422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
        if (pulls.some((p) => p.state === 'open' && p.head === body.head)) {
          return respond(op, 422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${body.head}.` }] });
        }
        const pull: FakePull = { number: nextId++, head: body.head, base: body.base, title: body.title, body: body.body ?? '', state: 'open', merged: false, user: login, labels: [], requestedReviewers: [], reviews: [], comments: [], baseSha: branchSha(body.base) ?? sha1(body.base) };
        pulls.push(pull);
        return respond(op, 201, pullJson(pull));
      }
      case 'pulls/update':
        return pullOr404(op, params.pull_number, (p) => {
          if (body.title !== undefined) p.title = body.title;
          if (body.body !== undefined) p.body = body.body;
          if (body.state !== undefined) p.state = body.state;
          return respond(op, 200, pullJson(p));
        });
      case 'git/delete-ref': {
        const name = params.ref!.replace(/^heads\//, '');
        if (!branchSha(name)) return respond(op, 422);
        branches.remove(name);
        return respond(op, 204);
      }
      case 'issues/create-comment':
        return pullOr404(op, params.issue_number, (p) => {
          const id = nextId++;
          p.comments.push({ id, user: login, body: body.body });
          return respond(op, 201, { id, body: body.body, user: userJson(login), html_url: web(`/pull/${p.number}#comment`) });
        });
      case 'issues/list-comments':
        return pullOr404(op, params.issue_number, (p) => {
          const page = Number(request.query.get('page') ?? 1);
          const perPage = Number(request.query.get('per_page') ?? 30);
          const more = p.comments.length > page * perPage;
          const link = more ? { link: `<${host!.url}${request.path}?${new URLSearchParams({ ...Object.fromEntries(request.query), page: String(page + 1) })}>; rel="next"` } : undefined;
          const comments = p.comments.slice((page - 1) * perPage, page * perPage).map((c) => ({ id: c.id, body: c.body, user: userJson(c.user), html_url: web(`/pull/${p.number}#comment`) }));
          return respond(op, 200, comments, link);
        });
      case 'issues/update-comment': {
        const pull = pulls.find((p) => p.comments.some((c) => c.id === Number(params.comment_id)));
        const comment = pull?.comments.find((c) => c.id === Number(params.comment_id));
        // Only a comment's author (or a maintainer, which the bot is not asked to be) edits it.
        if (!pull || !comment || comment.user !== login) return respond(op, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        comment.body = body.body;
        return respond(op, 200, { id: comment.id, body: comment.body, user: userJson(login), html_url: web(`/pull/${pull.number}#comment`) });
      }
      case 'issues/add-labels':
        return pullOr404(op, params.issue_number, (p) => {
          for (const name of body.labels as string[]) if (!p.labels.includes(name)) p.labels.push(name);
          return respond(op, 200, pullJson(p).labels);
        });
      case 'issues/remove-label':
        return pullOr404(op, params.issue_number, (p) => {
          if (!p.labels.includes(params.name!)) return failure(op, 404, 'Label does not exist');
          p.labels = p.labels.filter((l) => l !== params.name);
          return respond(op, 200, pullJson(p).labels);
        });
      case 'pulls/request-reviewers':
        return pullOr404(op, params.pull_number, (p) => {
          const asked = (body.reviewers ?? []) as string[];
          // The description documents these refusals (the author, a non-collaborator) as a 422 without a body.
          if (asked.includes(p.user) || (options.collaborators && asked.some((a) => !options.collaborators!.includes(a)))) return respond(op, 422);
          p.requestedReviewers = [...new Set([...p.requestedReviewers, ...asked])];
          return respond(op, 201, pullJson(p));
        });
      case 'pulls/list-reviews':
        return pullOr404(op, params.pull_number, (p) =>
          respond(op, 200, p.reviews.map((r, i) => ({ id: i + 1, user: userJson(r.user), state: r.state, body: '', commit_id: r.commitId, html_url: web(`/pull/${p.number}#review-${i + 1}`), pull_request_url: web(`/pull/${p.number}`), author_association: r.association, _links: { html: { href: web('') }, pull_request: { href: web('') } } }))),
        );
      case 'pulls/list-commits':
        return pullOr404(op, params.pull_number, (p) => {
          const person = (name: string, email: string, date: string) => ({ name, email, date });
          const linked = (email: string) => (account(email) ? userJson(account(email)!) : null);
          return respond(op, 200, branches.commits(p.baseSha, branchSha(p.head) ?? p.baseSha).map((c) => ({
            sha: c.sha, url: web(`/commit/${c.sha}`), html_url: web(`/commit/${c.sha}`), comments_url: web(`/commit/${c.sha}#comments`),
            commit: { author: person(c.authorName, c.authorEmail, c.date), committer: person(c.committerName, c.committerEmail, c.date), message: c.message, url: web(`/commit/${c.sha}`), comment_count: 0 },
            author: linked(c.authorEmail), committer: linked(c.committerEmail), parents: [],
          })));
        });
      case 'repos/get-collaborator-permission-level': {
        const level = permission(params.username!);
        return respond(op, 200, { permission: level, role_name: level === 'none' ? 'none' : level, user: userJson(params.username!) });
      }
      case 'repos/create-commit-status': {
        const status = { sha: params.sha!, context: body.context ?? 'default', state: body.state, description: body.description ?? '' };
        statuses.push(status);
        return respond(op, 201, { id: nextId++, state: status.state, context: status.context, description: status.description, target_url: body.target_url ?? null, creator: userJson(login) });
      }
      default:
        violations.push(`the fake does not serve ${op.operationId}`);
        return failure(op, 404, 'Not Found');
    }
  }

  host = await startFakeHost((request) => {
    const op = findOperation(request.method, request.path);
    if (!op) {
      violations.push(`${request.method} ${request.path} is not in GitHub's API`);
      return { status: 404, body: { message: 'Not Found' } };
    }
    const wrong = requestProblems(op, request.query, request.body);
    if (wrong.length > 0) {
      violations.push(...wrong.map((w) => `${request.method} ${request.path}: ${w}`));
      return { status: 400, body: { message: `request does not follow GitHub's OpenAPI description: ${wrong.join('; ')}` } };
    }
    if (op.operationId === 'apps/create-installation-access-token') {
      if (!appFromJwt(request)) return failure(op, 401, 'A JSON web token could not be decoded');
      if (Number(op.params.installation_id) !== options.app!.installationId) return failure(op, 404, 'Not Found');
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      tokens.set(token, `${options.app!.slug}[bot]`);
      return respond(op, 201, { token, expires_at: '2030-01-01T00:00:00Z' });
    }
    const login = identity(request);
    if (!login) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    return serve(op, request, login);
  });

  return {
    ...host,
    apiUrl: host.url,
    owner,
    repo,
    pulls,
    statuses,
    violations,
    acceptsToken: (token) => tokens.has(token),
    setBranch: branches.set,
    protectBranch: (name) => protectedNames.add(name),
    review: (number, user, state, given = {}) => {
      const pull = pulls.find((p) => p.number === number)!;
      const related = permission(user) === 'none' || permission(user) === 'read' ? 'NONE' : user === owner ? 'OWNER' : 'COLLABORATOR';
      pull.reviews.push({ user, state, commitId: given.commitId ?? branchSha(pull.head) ?? sha1(pull.head), association: given.association ?? related });
    },
    merge: (number) => {
      const pull = pulls.find((p) => p.number === number)!;
      if (options.bareRepo) mergeInBare(options.bareRepo, pull.base, pull.head, `Merge pull request #${number} from ${owner}/${pull.head}`);
      pull.merged = true;
      pull.state = 'closed';
    },
  };
}
