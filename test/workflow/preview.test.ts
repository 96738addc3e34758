import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubForge } from '../../src/forge/github.js';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import type { Config } from '../../src/config/options.js';
import type { Forge } from '../../src/forge/forge.js';
import { previewMergeRequest } from '../../src/workflow/preview.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { startFakeGitLab } from '../support/fake-gitlab.js';
import { git } from '../support/git-remote.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const BOT = 'ghp_previewBotToken0123456789';
const PERSON = 'ghp_previewPersonToken012345';
const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY);';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A branch off main on the remote, as a person starts one. */
function branchOff(h: WorkflowHarness, branch: string): void {
  git(h.person, 'push', '-q', 'origin', `origin/main:refs/heads/${branch}`);
}

/** Previews the merge request from `branch` as a pipeline on its latest commit does. */
async function preview(h: WorkflowHarness, forge: Forge, branch: string, config: Partial<Config> = {}) {
  h.checkout(branch);
  return previewMergeRequest(await h.context(forge, config), { ref: branch, sha: git(h.botDir, 'rev-parse', 'HEAD').trim() });
}

/** A GitHub repository (the fake, over a harness whose schema/app.sql is `schema`) and a forge per token on it. */
async function github(production: string, schema = production) {
  let fake: FakeGitHub | undefined;
  const h = await workflowHarness(production, schema, (user, password) => user === 'x-access-token' && fake!.acceptsToken(password), 'preview');
  cleanups.push(h.close);
  fake = await startFakeGitHub({ tokens: { [BOT]: 'schema-bot', [PERSON]: 'pat' }, bareRepo: h.bare });
  const started = fake;
  cleanups.push(async () => {
    expect(started.violations).toEqual([]);
    await started.close();
  });
  const forgeOf = (token: string) => createGitHubForge({ apiUrl: started.apiUrl, owner: started.owner, repo: started.repo, auth: { token }, retryAfterBaseMs: 1, paceWrites: false, log: () => {} });
  return { h, fake: started, forgeOf };
}

describe('schema-bot preview', () => {
  it('keeps one comment on a person’s pull request up to date with the plan and lint, and a status that follows the worst finding', async () => {
    const { h, fake, forgeOf } = await github(USERS);
    const bot = forgeOf(BOT);

    branchOff(h, 'notes');
    h.push({ 'schema/app.sql': `${USERS}\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\nALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n` }, 'Notes', 'notes');
    const opened = await forgeOf(PERSON).openMergeRequest({ branch: 'notes', baseBranch: 'main', title: 'Notes', body: 'please' });
    const pull = fake.pulls[0]!;
    // Planted before the first preview: the bot must neither edit it nor take it for its own.
    await forgeOf(PERSON).comment(opened, 'Approved by the DBA team <!-- schema-bot:preview 0123456789abcdef0123 -->');

    const first = await preview(h, bot, 'notes', { lint: { 'rls-without-policies': 'error' } });
    expect(first).toMatchObject({ result: 'previewed', failed: true });
    expect(pull.comments).toHaveLength(2);
    expect(pull.comments[0]!.body).toBe('Approved by the DBA team <!-- schema-bot:preview 0123456789abcdef0123 -->');
    const comment = pull.comments[1]!;
    expect(comment.user).toBe('schema-bot');
    expect(comment.body).toContain('CREATE TABLE public.notes');
    expect(comment.body).toMatch(/\| error \| `rls-without-policies` \| schema\/app\.sql\\:2 \|/);
    expect(comment.body).toMatch(/<!-- schema-bot:preview [0-9a-f]{20} -->$/m);
    expect(comment.body).not.toContain('0123456789abcdef0123');
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/preview', state: 'failure', sha: first.mr!.headSha });
    expect(pull.body).toBe('please');

    h.push({ 'schema/app.sql': `${USERS}\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\n` }, 'No RLS yet', 'notes');
    expect(await preview(h, bot, 'notes')).toMatchObject({ result: 'previewed', failed: false, statements: 2 });
    expect(pull.comments).toHaveLength(2);
    expect(comment.body).not.toContain('rls-without-policies');
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/preview', state: 'success', description: '2 statement(s)' });

    h.push({ 'schema/app.sql': USERS }, 'Not now', 'notes');
    expect(await preview(h, bot, 'notes')).toMatchObject({ result: 'no change', statements: 0 });
    expect(pull.comments).toHaveLength(2);
    expect(comment.body).toMatch(/^### Schema preview of [0-9a-f]{40}\n\nNo schema change any more/);
    expect(fake.statuses.at(-1)).toMatchObject({ state: 'success', description: 'no schema change' });
    expect(await h.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE tablename = 'notes'`)).toEqual([{ n: '0' }]);
  });

  it('leaves a merge request that never changed the schema without a comment, and the bot’s own branch alone, on GitLab', async () => {
    let fake: Awaited<ReturnType<typeof startFakeGitLab>>;
    const h = await workflowHarness(USERS, USERS, (user, password) => user === 'oauth2' && password === BOT, 'preview');
    cleanups.push(h.close);
    fake = await startFakeGitLab({ tokens: { [BOT]: 'schema-bot', [PERSON]: 'pat' }, users: ['pat'], bareRepo: h.bare });
    cleanups.push(async () => {
      expect(fake!.violations).toEqual([]);
      await fake!.close();
    });
    const forgeOf = (token: string) => createGitLabForge({ url: fake!.url, project: fake!.projectId, token });
    branchOff(h, 'docs');
    h.push({ 'README.md': 'words\n' }, 'Docs', 'docs');
    await forgeOf(PERSON).openMergeRequest({ branch: 'docs', baseBranch: 'main', title: 'Docs', body: '' });
    expect(await preview(h, forgeOf(BOT), 'docs')).toMatchObject({ result: 'no change', failed: false });
    expect(fake.mergeRequests[0]!.notes).toEqual([]);
    expect(fake.statuses.at(-1)).toMatchObject({ name: 'schema-bot/preview', state: 'success' });
    expect(await previewMergeRequest(await h.context(forgeOf(BOT)), { ref: 'change-schema-20261207T000000Z', sha: '0'.repeat(40) })).toMatchObject({ result: 'skipped' });
  });

  it('names the rewrite a volatile default makes of a table of 1,000,000 rows, and turns green when a fix is pushed', async () => {
    const events = 'CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);';
    const { h, fake, forgeOf } = await github(`${events}\nINSERT INTO events SELECT g, now() FROM generate_series(1, 1000000) g;\nANALYZE events;`, events);
    branchOff(h, 'draw');
    h.push({ 'schema/app.sql': 'CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL, drawn double precision DEFAULT random());' }, 'Draw', 'draw');
    await forgeOf(PERSON).openMergeRequest({ branch: 'draw', baseBranch: 'main', title: 'Draw', body: '' });
    const pull = fake.pulls[0]!;

    expect(await preview(h, forgeOf(BOT), 'draw')).toMatchObject({ result: 'previewed', failed: true });
    expect(pull.comments).toHaveLength(1);
    expect(pull.comments[0]!.body).toMatch(/\| public\.events \| ~1(\.0)? M rows \| \d+ MB \| ACCESS EXCLUSIVE \| rewrite \| high \|/);
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/preview', state: 'failure', description: "1 statement(s); 1 statement(s) of high risk on production's tables" });

    // A constant default is stored once in the catalog: no rewrite.
    h.push({ 'schema/app.sql': 'CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL, drawn double precision DEFAULT 0);' }, 'No rewrite', 'draw');
    expect(await preview(h, forgeOf(BOT), 'draw')).toMatchObject({ result: 'previewed', failed: false });
    expect(pull.comments).toHaveLength(1);
    expect(pull.comments[0]!.body).not.toMatch(/\| rewrite \|/);
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/preview', state: 'success' });
  });
});
