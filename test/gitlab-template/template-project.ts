import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareRemote, git } from '../support/git-remote.js';
import { tempDir } from '../support/temp-dir.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATE_FILE = path.join(REPO_ROOT, '.gitlab-ci-template.yml');

/** The tag the template fetches by default: `v` and this checkout's version. */
export const RELEASE_TAG = `v${(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;

/**
 * A stand-in for the schema-bot project the template fetches schema-bot from: a git repository
 * `<root>/schema-bot.git` whose tag RELEASE_TAG holds this checkout's committed dist/action/.
 */
export function schemaBotRelease(root: string): string {
  const repo = path.join(root, 'schema-bot.git');
  cpSync(path.join(REPO_ROOT, 'dist', 'action'), path.join(repo, 'dist', 'action'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', 'dist');
  git(repo, 'commit', '-q', '-m', `schema-bot ${RELEASE_TAG}`);
  git(repo, 'tag', RELEASE_TAG);
  return repo;
}

/**
 * A user's .gitlab-ci.yml as the README shows it, plus one test-only override: gitlab-ci-local's
 * shell executor runs jobs on this machine, where no container engine can start the postgres
 * service, so the service is emptied and the shadow comes from SHADOW_DATABASE_URL, a pipeline
 * variable pointing at the test server (as a user on a shell runner would do).
 */
export function userPipeline(inputs: Record<string, string | boolean>): string {
  const lines = Object.entries(inputs).map(([name, value]) => `      ${name}: ${JSON.stringify(value)}`);
  return [
    'include:',
    '  - local: ci/schema-bot.yml',
    '    inputs:',
    ...lines,
    '',
    '# test only: no container engine for services',
    '.schema-bot-base:',
    '  services: []',
    '',
  ].join('\n');
}

export interface TemplateProject {
  root: string;
  /** The remote's bare repository (`<root>/acme/app.git`, so the project path is acme/app). */
  bare: string;
  /** A person's clone, to push from. */
  person: string;
  /** Where the pipeline runs: the runner's checkout, as gitlab-ci-local's working directory. */
  checkout: string;
  /** Fetches `branch` from the remote and checks it out detached, as a runner does for a pipeline. */
  checkoutBranch(branch: string): string;
  /** CI_COMMIT_* of the checked-out commit, as GitLab sets them. */
  commitVariables(): Record<string, string>;
  remove(): Promise<void>;
}

/**
 * A GitLab project that includes .gitlab-ci-template.yml (copied to ci/schema-bot.yml) with
 * `inputs`, and declares `schema`. Point the checkout's origin at the project's HTTP URL before a
 * pipeline: gitlab-ci-local reads the project path from it.
 */
export async function templateProject(inputs: Record<string, string | boolean>, schema: string): Promise<TemplateProject> {
  const dir = await tempDir();
  const { bare, clone: person } = bareRemote(dir.path, 'acme/app', {
    '.gitlab-ci.yml': userPipeline(inputs),
    'ci/schema-bot.yml': readFileSync(TEMPLATE_FILE, 'utf8'),
    'schema/app.sql': schema,
    '.gitignore': '.gitlab-ci-local/\n',
  });
  const checkout = path.join(dir.path, 'checkout');
  git(dir.path, 'clone', '-q', bare, checkout);
  return {
    root: dir.path,
    bare,
    person,
    checkout,
    checkoutBranch(branch) {
      git(checkout, 'fetch', '-q', bare, branch);
      git(checkout, 'checkout', '-q', '--detach', 'FETCH_HEAD');
      return git(checkout, 'rev-parse', 'HEAD').trim();
    },
    commitVariables() {
      const [sha = '', title = '', author = '', message = ''] = git(checkout, 'log', '-1', '--format=%H%x00%s%x00%an <%ae>%x00%B').split('\0');
      return { CI_COMMIT_SHA: sha, CI_COMMIT_TITLE: title, CI_COMMIT_AUTHOR: author, CI_COMMIT_MESSAGE: message.trimEnd() };
    },
    remove: dir.remove,
  };
}

/** The variables GitLab sets for a pipeline of a push to (or a schedule on) `branch`. */
export function branchPipeline(branch: string, source: 'push' | 'schedule' = 'push'): { variables: Record<string, string>; unset: string[] } {
  return { variables: { CI_PIPELINE_SOURCE: source, CI_COMMIT_BRANCH: branch, CI_COMMIT_REF_NAME: branch, CI_DEFAULT_BRANCH: 'main' }, unset: [] };
}

/** The variables GitLab sets for a merge request pipeline; it has no CI_COMMIT_BRANCH. */
export function mergeRequestPipeline(branch: string, iid: number): { variables: Record<string, string>; unset: string[] } {
  return {
    variables: {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_COMMIT_REF_NAME: branch,
      CI_DEFAULT_BRANCH: 'main',
      CI_MERGE_REQUEST_IID: String(iid),
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: branch,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    },
    unset: ['CI_COMMIT_BRANCH'],
  };
}
