import { Ajv, type ValidateFunction } from 'ajv';

/**
 * The part of GitLab's REST API (v4) schema-bot uses, written down from GitLab's API reference
 * (docs.gitlab.com/api/: merge_requests, notes, merge_request_approvals, commits#set-the-pipeline-
 * status-of-a-commit, branches, projects, users), because GitLab publishes no complete machine-
 * readable description. Also merge_requests#get-merge-request-diff-versions, #get-single-merge-
 * request-commits and members#get-a-member-of-a-group-or-project-including-inherited-and-invited-members. Parameters are what each page lists (a parameter not listed is a wrong
 * call); responses hold the attributes the pages show in their examples.
 */
type Schema = Record<string, unknown>;

const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const nullableStr = { type: ['string', 'null'] };
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

const userBasic = object({ id: int, username: str, name: str, state: str, avatar_url: nullableStr, web_url: str });
const mergeRequest = object({
  id: int, iid: int, project_id: int, source_project_id: int, target_project_id: int, title: str, description: nullableStr,
  state: { enum: ['opened', 'closed', 'locked', 'merged'] },
  created_at: str, updated_at: str, merged_at: nullableStr, closed_at: nullableStr,
  target_branch: str, source_branch: str, author: userBasic, assignees: { type: 'array' },
  reviewers: { type: 'array', items: userBasic }, labels: { type: 'array', items: str },
  draft: bool, sha: str, merge_commit_sha: nullableStr, web_url: str, detailed_merge_status: str,
});
const list = (items: Schema): Schema => ({ type: 'array', items });

const pagination = { page: int, per_page: int };
const mrListParams = {
  ...pagination, state: { enum: ['opened', 'closed', 'locked', 'merged', 'all'] }, source_branch: str, target_branch: str,
  order_by: { enum: ['created_at', 'updated_at', 'title'] }, sort: { enum: ['asc', 'desc'] }, labels: str, author_username: str,
};
const mrEditParams = {
  title: str, description: str, state_event: { enum: ['close', 'reopen'] }, labels: str, add_labels: str, remove_labels: str,
  reviewer_ids: { type: 'array', items: int }, target_branch: str, remove_source_branch: bool, squash: bool,
};

export interface Endpoint {
  name: string;
  method: string;
  /** Path under /api/v4 with :placeholders. */
  path: string;
  params: Record<string, Schema>;
  required?: string[];
  responses: Record<number, Schema | null>;
}

const error = object({ message: {} });

export const ENDPOINTS: Endpoint[] = [
  { name: 'projects/show', method: 'GET', path: '/projects/:id', params: {}, responses: { 200: object({ id: int, default_branch: str, path_with_namespace: str, web_url: str }), 404: error } },
  { name: 'branches/show', method: 'GET', path: '/projects/:id/repository/branches/:branch', params: {}, responses: { 200: object({ name: str, protected: bool, default: bool, merged: bool, developers_can_push: bool, developers_can_merge: bool, can_push: bool, web_url: str, commit: object({ id: str }) }), 404: error } },
  { name: 'branches/delete', method: 'DELETE', path: '/projects/:id/repository/branches/:branch', params: {}, responses: { 204: null, 404: error } },
  { name: 'merge_requests/list', method: 'GET', path: '/projects/:id/merge_requests', params: mrListParams, responses: { 200: list(mergeRequest) } },
  { name: 'merge_requests/show', method: 'GET', path: '/projects/:id/merge_requests/:merge_request_iid', params: {}, responses: { 200: mergeRequest, 404: error } },
  {
    name: 'merge_requests/create', method: 'POST', path: '/projects/:id/merge_requests',
    params: { source_branch: str, target_branch: str, title: str, description: { type: 'string', maxLength: 1_048_576 }, labels: str, reviewer_ids: { type: 'array', items: int }, remove_source_branch: bool, squash: bool },
    required: ['source_branch', 'target_branch', 'title'],
    responses: { 201: mergeRequest, 409: error, 422: error },
  },
  { name: 'merge_requests/update', method: 'PUT', path: '/projects/:id/merge_requests/:merge_request_iid', params: mrEditParams, responses: { 200: mergeRequest, 404: error } },
  {
    name: 'notes/create', method: 'POST', path: '/projects/:id/merge_requests/:merge_request_iid/notes',
    params: { body: { type: 'string', maxLength: 1_000_000 }, internal: bool }, required: ['body'],
    responses: { 201: object({ id: int, body: str, author: userBasic, created_at: str, system: bool, noteable_type: str, noteable_iid: int }), 404: error },
  },
  {
    name: 'notes/update', method: 'PUT', path: '/projects/:id/merge_requests/:merge_request_iid/notes/:note_id',
    params: { body: { type: 'string', maxLength: 1_000_000 } }, required: ['body'],
    responses: { 200: object({ id: int, body: str, author: userBasic, created_at: str, system: bool, noteable_type: str, noteable_iid: int }), 404: error },
  },
  {
    name: 'notes/list', method: 'GET', path: '/projects/:id/merge_requests/:merge_request_iid/notes',
    params: { ...pagination, sort: { enum: ['asc', 'desc'] }, order_by: { enum: ['created_at', 'updated_at'] } },
    responses: { 200: list(object({ id: int, body: str, author: userBasic, created_at: str, system: bool, noteable_type: str, noteable_iid: int })), 404: error },
  },
  {
    name: 'merge_requests/approvals', method: 'GET', path: '/projects/:id/merge_requests/:merge_request_iid/approvals', params: {},
    responses: { 200: object({ id: int, iid: int, project_id: int, state: str, approved: bool, approved_by: list(object({ user: userBasic, approved_at: str })) }), 404: error },
  },
  {
    name: 'merge_requests/versions', method: 'GET', path: '/projects/:id/merge_requests/:merge_request_iid/versions', params: pagination,
    responses: { 200: list(object({ id: int, head_commit_sha: str, base_commit_sha: str, start_commit_sha: str, created_at: str, merge_request_id: int, state: str, real_size: str })), 404: error },
  },
  {
    name: 'merge_requests/commits', method: 'GET', path: '/projects/:id/merge_requests/:merge_request_iid/commits', params: pagination,
    responses: {
      200: list(object({ id: str, short_id: str, title: str, author_name: str, author_email: str, authored_date: str, committer_name: str, committer_email: str, committed_date: str, created_at: str, message: str, parent_ids: list(str), web_url: str })),
      404: error,
    },
  },
  {
    name: 'members/show-all', method: 'GET', path: '/projects/:id/members/all/:user_id', params: {},
    responses: { 200: object({ id: int, username: str, name: str, state: str, access_level: int }), 404: error },
  },
  {
    name: 'commits/status', method: 'POST', path: '/projects/:id/statuses/:sha',
    params: { state: { enum: ['pending', 'running', 'success', 'failed', 'canceled', 'skipped'] }, ref: str, name: str, context: str, target_url: str, description: str, coverage: { type: 'number' }, pipeline_id: int },
    required: ['state'],
    responses: { 201: object({ id: int, sha: str, ref: nullableStr, status: str, name: str, target_url: nullableStr, description: nullableStr, created_at: str, author: userBasic }), 404: error },
  },
  { name: 'users/list', method: 'GET', path: '/users', params: { ...pagination, username: str }, responses: { 200: list(userBasic) } },
];

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();
function validator(key: string, schema: () => Schema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(schema())));
  return validate;
}

export function findEndpoint(method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } | undefined {
  for (const endpoint of ENDPOINTS) {
    if (endpoint.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^/api/v4${endpoint.path.replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    const match = pattern.exec(path);
    if (match) return { endpoint, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
  }
  return undefined;
}

/** The request's attributes (query for GET and DELETE, JSON body otherwise) against the endpoint's list. */
export function requestProblems(endpoint: Endpoint, query: URLSearchParams, body: unknown): string[] {
  const attributes: Record<string, unknown> =
    endpoint.method === 'GET' || endpoint.method === 'DELETE'
      ? Object.fromEntries([...query].map(([k, v]) => [k, /^\d+$/.test(v) && (endpoint.params[k] as Schema | undefined)?.type === 'integer' ? Number(v) : v]))
      : ((body ?? {}) as Record<string, unknown>);
  const problems = Object.keys(attributes)
    .filter((k) => !(k in endpoint.params))
    .map((k) => `attribute ${k} is not part of ${endpoint.name}`);
  const validate = validator(`${endpoint.name} request`, () => object(endpoint.params, endpoint.required ?? []));
  if (!validate(attributes)) problems.push(...(validate.errors ?? []).map((e) => `${endpoint.name} request${e.instancePath} ${e.message}`));
  return problems;
}

export function responseProblems(endpoint: Endpoint, status: number, body: unknown): string[] {
  if (!(status in endpoint.responses)) return [`${endpoint.name} does not answer ${status}`];
  const schema = endpoint.responses[status];
  if (schema === null) return body === undefined ? [] : [`${endpoint.name} ${status} has no body`];
  const validate = validator(`${endpoint.name} ${status}`, () => schema!);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${endpoint.name} ${status} response${e.instancePath} ${e.message}`);
}
