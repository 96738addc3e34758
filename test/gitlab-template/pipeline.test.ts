import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import { startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab.js';
import { git } from '../support/git-remote.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { listJobs, runPipeline } from '../support/gitlab-ci-local.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';
import { branchPipeline, mergeRequestPipeline, schemaBotRelease, templateProject, type TemplateProject } from './template-project.js';

/**
 * .gitlab-ci-template.yml run by gitlab-ci-local (shell executor) in a project that includes it,
 * against the GitLab fake and a real git remote over HTTP, with a real production database. No
 * container engine is available, so the template's postgres service is emptied by the project and
 * the shadow is the test server (SHADOW_DATABASE_URL); the production database is a database of
 * its own on that server, handed over under the name the `database-url-variable` input gives.
 * The pipelines share one project and follow each other as they would on GitLab. The jobs start
 * schema-bot as the template does by default: the single-file CLI fetched with git at a tag, here
 * from a local repository holding this checkout's dist/action/.
 */
const TOKEN = 'glpat-templateTestToken0123456';
const JOB_TOKEN = 'glcbt-64_templateJobToken01234';
const PERSON_TOKEN = 'glpat-templatePersonToken01234';
let project: TemplateProject;
let fake: FakeGitLab;
let gitServer: GitHttpServer;
let production: Awaited<ReturnType<typeof createDatabase>>;
let release: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  production = await createDatabase('gitlab_template');
  await withConnection(production.url, (c) => runScript(c, 'CREATE TABLE users (id int PRIMARY KEY);'));
  release = await tempDir();
  const inputs = { 'schema-bot-repository': schemaBotRelease(release.path), 'database-url-variable': 'PRODUCTION_DATABASE_URL' };
  project = await templateProject(inputs, 'CREATE TABLE users (id int PRIMARY KEY, name text);');
  gitServer = await startGitHttpServer(project.root, (user, password) => user === 'oauth2' && password === TOKEN);
  fake = await startFakeGitLab({ tokens: { [TOKEN]: 'project_17_bot', [PERSON_TOKEN]: 'pat' }, users: ['pat'], bareRepo: project.bare });
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await gitServer?.close();
  await production?.drop();
  await project?.remove();
  await release?.remove();
});

/** Runs the pipeline GitLab would create for the checked-out commit, with the project's CI/CD variables. */
function pipeline(kind: { variables: Record<string, string>; unset: string[] }, projectVariables: Record<string, string>) {
  // The runner's checkout carries the job token in its remote URL; the git server takes only GITLAB_TOKEN.
  git(project.checkout, 'remote', 'set-url', 'origin', gitServer.urlOf('acme/app.git').replace('//', `//gitlab-ci-token:${JOB_TOKEN}@`));
  return runPipeline({
    cwd: project.checkout,
    variables: {
      CI_SERVER_URL: fake.url,
      CI_PROJECT_ID: String(fake.projectId),
      CI_PROJECT_PATH: 'acme/app',
      CI_JOB_TOKEN: JOB_TOKEN,
      SHADOW_DATABASE_URL: serverUrl(),
      PRODUCTION_DATABASE_URL: production.url,
      ...project.commitVariables(),
      ...kind.variables,
      ...projectVariables,
    },
    unset: kind.unset,
  });
}

const columns = () => withConnection(production.url, async (c) => (await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1`)).rows.map((r) => r.column_name));

describe('.gitlab-ci-template.yml in a GitLab pipeline', () => {
  it('fails the run job with the way out when the pipeline has only CI_JOB_TOKEN', async () => {
    project.checkoutBranch('main');
    const { code, output } = await pipeline(branchPipeline('main'), {});
    expect(code).not.toBe(0);
    expect(output).toContain('FAIL  schema-bot-run');
    expect(output).toContain('GITLAB_TOKEN must be a project or group access token');
    expect(output).toContain('CI_JOB_TOKEN cannot create or update merge requests');
    expect(output).not.toContain(JOB_TOKEN);
    expect(fake.traffic).toHaveLength(0);
  });

  it('plans on the default branch, checks in the merge request pipeline, applies once merged, and skips its own commit', async () => {
    // A push to main: the run job opens the merge request.
    project.checkoutBranch('main');
    const planned = await pipeline(branchPipeline('main'), { GITLAB_TOKEN: TOKEN });
    expect(planned.output).toContain('PASS  schema-bot-run');
    expect(planned.output).not.toContain('schema-bot-check');
    expect(planned.code).toBe(0);
    expect(fake.mergeRequests).toHaveLength(1);
    const mr = fake.mergeRequests[0]!;
    expect(mr).toMatchObject({ targetBranch: 'main', state: 'opened', author: 'project_17_bot', labels: ['schema-change'] });
    expect(mr.sourceBranch).toMatch(/^change-schema-\d{8}T\d{6}Z$/);
    expect(mr.description).toContain('ALTER TABLE public.users ADD COLUMN name text;');

    // Its merge request pipeline: the check job proves pending.sql and says so on the merge request.
    const head = project.checkoutBranch(mr.sourceBranch);
    const checked = await pipeline(mergeRequestPipeline(mr.sourceBranch, mr.iid), { GITLAB_TOKEN: TOKEN });
    expect(checked.output).toContain('PASS  schema-bot-check');
    expect(checked.output).not.toContain('schema-bot-run');
    expect(checked.code).toBe(0);
    expect(fake.statuses).toContainEqual(expect.objectContaining({ sha: head, name: 'schema-bot/check', state: 'success' }));
    expect(mr.notes.at(-1)?.body).toContain('pending.sql');
    expect(await columns()).toEqual(['id']);

    // Merged: the next run on main applies it and removes pending.sql in a commit of its own.
    fake.merge(mr.iid);
    project.checkoutBranch('main');
    const applied = await pipeline(branchPipeline('main'), { GITLAB_TOKEN: TOKEN });
    expect(applied.output).toContain('PASS  schema-bot-run');
    expect(applied.code).toBe(0);
    expect(await columns()).toEqual(['id', 'name']);
    expect(mr.notes.at(-1)?.body).toMatch(new RegExp(`^Applied \`${mr.sourceBranch}\``));
    expect(git(project.bare, 'ls-tree', '--name-only', 'main')).not.toContain('pending.sql');

    // That commit starts a pipeline on main too; the run job stays out of it.
    project.checkoutBranch('main');
    expect(project.commitVariables().CI_COMMIT_TITLE).toBe(`Applied ${mr.sourceBranch}: remove pending.sql`);
    const kind = branchPipeline('main');
    const jobs = await listJobs({ cwd: project.checkout, variables: { ...kind.variables, ...project.commitVariables() }, unset: kind.unset });
    expect(jobs.map((j) => j.name)).toEqual([]);

    const everything = [planned.output, checked.output, applied.output, ...fake.traffic.map((e) => `${e.request.url} ${e.request.body} ${e.response.body}`)].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(JOB_TOKEN);
    // The checkout's remote URL holds the job token, as a runner's does; git sent GITLAB_TOKEN instead.
    const credentials = new Set(gitServer.traffic.map((r) => Buffer.from(String(r.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()));
    expect([...credentials].filter(Boolean)).toEqual([`oauth2:${TOKEN}`]);
    expect(fake.violations).toEqual([]);
  }, 180_000);

  it('previews a person’s merge request in its pipeline: one comment, a status, and the lint as a Code Quality report', async () => {
    git(project.person, 'fetch', '-q', 'origin');
    git(project.person, 'checkout', '-q', '-B', 'feature', 'origin/main');
    writeFileSync(path.join(project.person, 'schema/app.sql'), 'CREATE TABLE users (id int PRIMARY KEY, name text, seen timestamp);\n');
    git(project.person, 'commit', '-q', '-am', 'Remember when a user was last seen');
    git(project.person, 'push', '-q', 'origin', 'feature');
    const person = createGitLabForge({ url: fake.url, project: fake.projectId, token: PERSON_TOKEN });
    const opened = await person.openMergeRequest({ branch: 'feature', baseBranch: 'main', title: 'Last seen', body: '' });
    const mr = fake.mergeRequests.find((m) => m.iid === opened.number)!;

    const head = project.checkoutBranch('feature');
    const previewed = await pipeline(mergeRequestPipeline('feature', mr.iid), { GITLAB_TOKEN: TOKEN });
    expect(previewed.output).toContain('PASS  schema-bot-preview');
    expect(previewed.output).not.toContain('schema-bot-check');
    expect(previewed.code).toBe(0);
    expect(mr.notes).toHaveLength(1);
    expect(mr.notes[0]!.body).toContain('ALTER TABLE public.users ADD COLUMN seen timestamp without time zone;');
    expect(mr.notes[0]!.body).toMatch(/\| warning \| `timestamp-without-time-zone` \| schema\/app\.sql\\:1 \|/);
    expect(fake.statuses).toContainEqual(expect.objectContaining({ sha: head, name: 'schema-bot/preview', state: 'success' }));
    const report = JSON.parse(readFileSync(path.join(project.checkout, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string }[];
    expect(report.map((r) => r.check_name).sort()).toEqual(['integer-primary-key', 'timestamp-without-time-zone']);
    expect(await columns()).toEqual(['id', 'name']);
    expect(fake.violations).toEqual([]);
  }, 180_000);
});
