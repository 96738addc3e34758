import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { git } from '../support/git-remote.js';
import { githubJobEnv } from '../support/github-job-env.js';
import { serverUrl } from '../support/postgres.js';
import { installAction, runAction, type ActionRun, type InstalledAction } from '../support/run-action.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const TOKEN = 'ghs_actionTestToken0123456789abcdef';
// The test server trusts every connection, so the password only has to stay out of sight.
const PASSWORD = 'pw-Secret-4711';

let action: InstalledAction;
let h: WorkflowHarness;
let fake: FakeGitHub;

beforeAll(async () => {
  action = await installAction();
  h = await workflowHarness(
    'CREATE TABLE users (id int PRIMARY KEY, legacy text);',
    'CREATE TABLE users (id int PRIMARY KEY, name text);',
    (user, password) => user === 'x-access-token' && fake.acceptsToken(password),
    'shipaction',
  );
  fake = await startFakeGitHub({ tokens: { [TOKEN]: 'schema-bot[bot]' }, bareRepo: h.bare, collaborators: ['dba'] });
});

afterAll(async () => {
  expect(fake?.violations).toEqual([]);
  await fake?.close();
  await h?.close();
  await action?.remove();
});

/** One step of a job: the checkout as actions/checkout leaves it, then the action with these inputs. */
async function step(command: string, event: { name: string; payload: unknown; ref: string; sha: string }, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const url = new URL(h.databaseUrl);
  url.username = 'postgres';
  url.password = PASSWORD;
  return runAction(action, {
    workspace: h.botDir,
    inputs: { command, 'database-url': url.toString(), 'shadow-url': serverUrl(), token: TOKEN, 'working-directory': '.', ...inputs },
    env: githubJobEnv(fake, event),
    event: event.payload,
  });
}

/** What actions/checkout leaves for a pull_request event: refs/pull/N/merge, the head merged into main. */
function checkoutMergeCommit(branch: string): string {
  git(h.botDir, 'fetch', '-q', h.bare, 'main');
  git(h.botDir, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  git(h.botDir, 'fetch', '-q', h.bare, branch);
  git(h.botDir, 'merge', '-q', '--no-ff', '-m', `Merge ${branch} into main`, 'FETCH_HEAD');
  return git(h.botDir, 'rev-parse', 'HEAD').trim();
}

async function pushToMain(): Promise<ActionRun> {
  h.checkout('main');
  const sha = git(h.botDir, 'rev-parse', 'HEAD').trim();
  return step('run', { name: 'push', ref: 'refs/heads/main', sha, payload: { ref: 'refs/heads/main', after: sha } });
}

/** Secrets reach the runner only inside ::add-mask::, which hides them; never in a line it shows or a file it keeps. */
function expectNoSecrets(run: ActionRun): void {
  const masked = run.commands.filter((c) => c.name === 'add-mask').map((c) => c.message);
  expect(masked).toEqual(expect.arrayContaining([TOKEN, PASSWORD]));
  const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  for (const text of [shown, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(PASSWORD);
  }
}

it('runs as the runner runs it: opens the pull request on push, checks it on pull_request, applies it once approved and merged', async () => {
  const opened = await pushToMain();
  expect(opened.stderr).toBe('');
  expect(opened.code).toBe(0);
  expect(fake.pulls).toHaveLength(1);
  const pull = fake.pulls[0]!;
  expect(pull).toMatchObject({ state: 'open', user: 'schema-bot[bot]', labels: ['schema-change', 'destructive'] });
  expect(opened.outputs).toEqual({
    'plan-id': pull.head,
    'has-changes': 'true',
    destructive: 'true',
    'mr-url': `https://github.fake/acme/app/pull/${pull.number}`,
    result: 'opened',
    matrix: '',
  });
  expect(opened.summary).toContain('### schema-bot run (plan)');
  expect(opened.summary).toContain(`plan: \`${pull.head}\``);
  expect(opened.summary).toContain(`merge request: https://github.fake/acme/app/pull/${pull.number}`);
  expect(opened.commands.filter((c) => c.name === 'error')).toEqual([]);
  expect(h.remoteFile(pull.head, 'pending.sql')).toContain('ALTER TABLE public.users DROP COLUMN legacy;');
  expectNoSecrets(opened);

  // actions/checkout checks a pull request out as a merge commit of its head into the base; the
  // statuses belong on the head, which only the event payload names.
  h.push({ 'README.md': 'app, documented\n' }, 'Document the app');
  const head = git(h.bare, 'rev-parse', pull.head).trim();
  const merge = checkoutMergeCommit(pull.head);
  const pullRequest = { number: pull.number, head: { ref: pull.head, sha: head }, base: { ref: 'main' } };
  const checked = await step('check', { name: 'pull_request', ref: `refs/pull/${pull.number}/merge`, sha: merge, payload: { action: 'opened', number: pull.number, pull_request: pullRequest } });
  expect(checked.code).toBe(0);
  expect(checked.outputs).toMatchObject({ 'plan-id': pull.head, 'has-changes': 'true', destructive: 'true', result: 'passed' });
  expect(fake.statuses.filter((s) => s.sha === head).map((s) => [s.context, s.state])).toEqual(
    expect.arrayContaining([['schema-bot/check', 'success'], ['schema-bot/destructive-approval', 'pending']]),
  );
  expect(fake.statuses.filter((s) => s.sha === merge)).toEqual([]);
  expect(pull.comments.at(-1)?.body).toMatch(/^`schema-bot check` passed/);
  expect(checked.summary).toMatch(/### schema-bot check[\s\S]*passed/);
  expectNoSecrets(checked);

  // A review of someone's pull request starts the workflow too; it is not the bot's, so there is
  // nothing to check, not even with the secrets missing, as on a fork's pull request.
  const review = { review: { state: 'approved' }, pull_request: { number: 99, head: { ref: 'feature/login', sha: head } } };
  const other = await step('check', { name: 'pull_request_review', ref: 'refs/pull/99/merge', sha: merge, payload: review }, { 'database-url': '', token: '' });
  expect(other.code).toBe(0);
  expect(other.outputs).toMatchObject({ result: 'skipped', 'has-changes': 'false' });

  fake.review(pull.number, 'dba', 'APPROVED');
  fake.merge(pull.number);
  const applied = await pushToMain();
  expect(applied.code).toBe(0);
  expect(applied.outputs).toMatchObject({ 'plan-id': pull.head, result: 'applied', destructive: 'true', 'mr-url': `https://github.fake/acme/app/pull/${pull.number}` });
  expect(applied.summary).toContain(`${pull.head} applied`);
  expect(await h.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position`)).toEqual([
    { column_name: 'id' }, { column_name: 'name' },
  ]);
  expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
  expectNoSecrets(applied);
  const sent = fake.traffic.map((e) => `${e.request.url} ${e.request.body} ${e.response.body}`).join('\n');
  expect(sent).not.toContain(PASSWORD);
}, 240_000); // four processes start the bundle; on a busy CI machine that alone takes a while
