import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { git } from '../support/git-remote.js';
import { githubJobEnv } from '../support/github-job-env.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { installAction, runAction, type ActionRun, type InstalledAction } from '../support/run-action.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const TOKEN = 'ghs_fleetActionToken0123456789abcdef';
const BEFORE = 'CREATE TABLE users (id int PRIMARY KEY);';
const SCHEMA = 'CREATE TABLE users (id int PRIMARY KEY, name text);';

let action: InstalledAction;
let h: WorkflowHarness;
let fake: FakeGitHub;
const databases: { url: string; drop(): Promise<void> }[] = [];

beforeAll(async () => {
  action = await installAction();
  h = await workflowHarness(BEFORE, SCHEMA, (user, password) => user === 'x-access-token' && fake.acceptsToken(password), 'fleetaction');
  fake = await startFakeGitHub({ tokens: { [TOKEN]: 'schema-bot[bot]' }, bareRepo: h.bare });
  for (const prefix of ['fleetaction_staging', 'fleetaction_tenant']) {
    const db = await createDatabase(prefix);
    databases.push(db);
    await withConnection(db.url, (c) => c.exec(BEFORE));
  }
  h.push(
    {
      '.schema-bot.yml': `targets:
  - { name: staging, url_env: STAGING_DATABASE_URL, environment: staging, wave: 0 }
  - { name: production, url_env: PRODUCTION_DATABASE_URL, environment: production, wave: 1, promoted_from: staging }
  - { name: tenant, url_env: TENANT_DATABASE_URL, environment: production, wave: 1 }
`,
    },
    'Keep staging, production and a tenant on the schema',
  );
});

afterAll(async () => {
  expect(fake?.violations).toEqual([]);
  await fake?.close();
  for (const db of databases) await db.drop();
  await h?.close();
  await action?.remove();
});

interface JobEvent {
  name: string;
  ref: string;
  sha: string;
  payload: unknown;
}

/** One job: the checkout (main on a push, unless an event says otherwise), then the action with these inputs and every target's secret. */
function job(command: string, inputs: Record<string, string> = {}, given?: JobEvent): Promise<ActionRun> {
  if (!given) h.checkout('main');
  const sha = given?.sha ?? git(h.botDir, 'rev-parse', 'HEAD').trim();
  const event = given ?? { name: 'push', ref: 'refs/heads/main', sha, payload: { ref: 'refs/heads/main', after: sha } };
  return runAction(action, {
    workspace: h.botDir,
    inputs: { command, 'shadow-url': serverUrl(), token: TOKEN, 'working-directory': '.', ...inputs },
    env: {
      ...githubJobEnv(fake, { ...event, sha }),
      STAGING_DATABASE_URL: databases[0]!.url,
      PRODUCTION_DATABASE_URL: h.databaseUrl,
      TENANT_DATABASE_URL: databases[1]!.url,
    },
    event: event.payload,
  });
}

const applied = (url: string) =>
  withConnection(url, async (c) => (await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).rows.length === 1);

it('opens one pull request for three databases, then a matrix applies it wave by wave, one job per target', async () => {
  const opened = await job('run');
  expect(opened.stderr).toBe('');
  expect(opened.outputs).toMatchObject({ result: 'opened', matrix: '' });
  expect(fake.pulls).toHaveLength(1);
  const pull = fake.pulls[0]!;
  expect(h.remoteFile(pull.head, 'pending/manifest.json')).toContain('"staging"');
  expect(opened.summary).toMatch(/\| `pending\/group-1\.sql` \| 1 \| 3: staging, production, tenant \|/);

  // The pull request's check proves every plan file against a database of its group.
  git(h.botDir, 'fetch', '-q', h.bare, 'main');
  git(h.botDir, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  git(h.botDir, 'fetch', '-q', h.bare, pull.head);
  git(h.botDir, 'merge', '-q', '--no-ff', '-m', `Merge ${pull.head} into main`, 'FETCH_HEAD');
  const head = git(h.bare, 'rev-parse', pull.head).trim();
  const merge = git(h.botDir, 'rev-parse', 'HEAD').trim();
  const payload = { action: 'opened', number: pull.number, pull_request: { number: pull.number, head: { ref: pull.head, sha: head }, base: { ref: 'main' } } };
  const checked = await job('check', {}, { name: 'pull_request', ref: `refs/pull/${pull.number}/merge`, sha: merge, payload });
  expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  expect(checked.outputs).toMatchObject({ 'plan-id': pull.head, result: 'passed' });
  expect(checked.stdout).toContain('pending/group-1.sql: proven on staging');
  expect(fake.statuses.filter((s) => s.sha === head).map((s) => [s.context, s.state])).toContainEqual(['schema-bot/check', 'success']);

  fake.merge(pull.number);
  const matrix = async () => JSON.parse((await job('targets')).outputs.matrix!) as { plan: string | null; wave: number | null; target: string[] };
  expect(await matrix()).toEqual({ plan: pull.head, wave: 0, target: ['staging'] });
  // A job of the later wave started too early waits for staging, and changes nothing.
  const early = await job('run', { target: 'tenant' });
  expect(early.code).not.toBe(0);
  expect(early.stdout + early.stderr).toContain('wave 1 waits for 1 target(s) of earlier waves (staging)');
  expect(await applied(databases[1]!.url)).toBe(false);

  expect((await job('run', { target: 'staging' })).code).toBe(0);
  expect(await applied(databases[0]!.url)).toBe(true);
  expect(await matrix()).toEqual({ plan: pull.head, wave: 1, target: ['production', 'tenant'] });
  for (const target of ['production', 'tenant']) {
    const run = await job('run', { target });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'plan-id': pull.head, result: 'applied' });
  }
  expect(await applied(h.databaseUrl)).toBe(true);
  expect(await applied(databases[1]!.url)).toBe(true);
  expect(h.remoteFile('main', 'pending/manifest.json')).toBeUndefined();
  expect(await matrix()).toEqual({ plan: null, wave: null, target: [] });
}, 300_000); // nine processes start the bundle
