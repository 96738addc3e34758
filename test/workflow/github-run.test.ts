import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubForge } from '../../src/forge/github.js';
import { NotConvergingError } from '../../src/engine/errors.js';
import { reportCheck } from '../../src/workflow/report-check.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { git } from '../support/git-remote.js';
import { serverUrl } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const TOKEN = 'ghp_workflowTestToken0123456789';
const USERS = 'CREATE TABLE users (id int PRIMARY KEY);';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A GitHub repository (the fake, over the harness's bare repository) and the bot's forge on it. */
async function github(production: string, schema: string): Promise<{ h: WorkflowHarness; fake: FakeGitHub; forge: ReturnType<typeof createGitHubForge> }> {
  let fake: FakeGitHub | undefined;
  const h = await workflowHarness(production, schema, (user, password) => user === 'x-access-token' && fake!.acceptsToken(password));
  cleanups.push(h.close);
  fake = await startFakeGitHub({
    tokens: { [TOKEN]: 'schema-bot' },
    bareRepo: h.bare,
    collaborators: ['dba', 'lead', 'pat'],
    // An organisation member without access to this repository, and the person of the harness's commits.
    permissions: { member: 'read' },
    accounts: { 'pat@example.com': 'pat' },
  });
  cleanups.push(async () => {
    expect(fake!.violations).toEqual([]);
    await fake!.close();
  });
  const forge = createGitHubForge({ apiUrl: fake.apiUrl, owner: fake.owner, repo: fake.repo, auth: { token: TOKEN }, retryAfterBaseMs: 1, paceWrites: false, log: (m) => h.logs.push(m) });
  return { h, fake, forge };
}

describe('schema-bot run on GitHub', () => {
  it('opens a pull request for a plan, leaves it alone for the same plan, updates it for a changed one, applies it once merged', async () => {
    const { h, fake, forge } = await github(USERS, 'CREATE TABLE users (id int PRIMARY KEY, name text);');
    fake.inject({ status: 502, body: { message: 'Server Error' } });

    const opened = await h.run(forge);
    expect(opened).toMatchObject({ phase: 'plan', result: 'opened', destructive: false });
    expect(fake.injected()).toBe(1);
    expect(fake.pulls).toHaveLength(1);
    const pull = fake.pulls[0]!;
    expect(pull).toMatchObject({ head: opened.planId, base: 'main', state: 'open', labels: ['schema-change'], user: 'schema-bot' });
    expect(pull.body).toContain('ALTER TABLE public.users ADD COLUMN name text;');
    expect(h.remoteFile(pull.head, 'pending.sql')).toContain(`-- id: ${opened.planId}`);
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/destructive-approval', state: 'success' });
    expect(opened.summary).toContain(`plan: \`${opened.planId}\``);

    expect(await h.run(forge)).toMatchObject({ result: 'unchanged', planId: opened.planId });
    expect(fake.pulls).toHaveLength(1);

    h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text, email text);' }, 'Add email');
    const updated = await h.run(forge);
    expect(updated).toMatchObject({ result: 'updated', planId: opened.planId });
    expect(fake.pulls).toHaveLength(1);
    expect(pull.body).toContain('ADD COLUMN email text;');
    expect(h.remoteFile(pull.head, 'pending.sql')).toContain('ADD COLUMN email text;');

    fake.merge(pull.number);
    const applied = await h.run(forge);
    expect(applied).toMatchObject({ phase: 'apply', result: 'applied', planId: opened.planId });
    expect(await h.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position`)).toEqual([
      { column_name: 'id' }, { column_name: 'name' }, { column_name: 'email' },
    ]);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
    expect(pull.comments.at(-1)?.body).toMatch(new RegExp(`^Applied \`${opened.planId}\``));

    expect(await h.run(forge)).toMatchObject({ phase: 'plan', result: 'nothing to do' });
    expect(fake.pulls).toHaveLength(1);

    const sent = [...h.logs, applied.summary, ...fake.traffic.map((e) => `${e.request.url} ${e.request.body} ${e.response.body}`), ...h.git.traffic.map((r) => r.url)].join('\n');
    expect(sent).toContain(opened.planId);
    expect(sent).not.toContain(TOKEN);
  });

  it('keeps a person’s commits on the bot branch, and closes the pull request when production already matches', async () => {
    const { h, fake, forge } = await github(USERS, 'CREATE TABLE users (id int PRIMARY KEY, name text);');
    const opened = await h.run(forge);
    const pull = fake.pulls[0]!;
    h.push({ 'pending.sql': `${h.remoteFile(pull.head, 'pending.sql')}UPDATE users SET name = 'n/a';\n` }, 'Backfill names', pull.head);
    const edited = h.remoteFile(pull.head, 'pending.sql');

    h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text, email text);' }, 'Add email');
    expect(await h.run(forge)).toMatchObject({ result: 'kept-commits', planId: opened.planId });
    expect(h.remoteFile(pull.head, 'pending.sql')).toBe(edited);
    expect(pull.comments.at(-1)?.body).toMatch(/has commits that are not the bot's[\s\S]*Backfill names \(Pat Person\)/);
    const said = pull.comments.length;
    expect(await h.run(forge)).toMatchObject({ result: 'kept-commits' });
    expect(pull.comments).toHaveLength(said);

    h.push({ 'schema/app.sql': USERS }, 'Back to what production has');
    expect(await h.run(forge)).toMatchObject({ result: 'closed' });
    expect(pull.state).toBe('closed');
    expect(pull.comments.at(-1)?.body).toMatch(/^Closed: production already matches/);
    expect(h.remoteFile(pull.head, 'pending.sql')).toBeUndefined();
  });

  it('holds a plan that deletes data until the configured approvers approve, then applies it', async () => {
    const { h, fake, forge } = await github('CREATE TABLE users (id int PRIMARY KEY, legacy text);', USERS);
    const config = { reviewers: ['dba'], approvers: ['dba'] };
    const opened = await h.run(forge, config);
    expect(opened).toMatchObject({ result: 'opened', destructive: true });
    const pull = fake.pulls[0]!;
    expect(pull.labels).toEqual(['schema-change', 'destructive']);
    expect(pull.requestedReviewers).toEqual(['dba']);
    expect(pull.body).toMatch(/\*\*This plan needs approval:\*\* .* It needs 1 approval from @dba/);
    expect(fake.statuses.at(-1)).toMatchObject({ context: 'schema-bot/destructive-approval', state: 'pending' });

    fake.review(pull.number, 'lead', 'APPROVED');
    fake.merge(pull.number);
    expect(await h.run(forge, config)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(pull.comments.at(-1)?.body).toMatch(/^Not applied: `[^`]+` deletes data and needs 1 approval from @dba; it has 0\. 1 more needed/);
    expect(await h.run(forge, config)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(pull.comments.filter((c) => c.body.startsWith('Not applied'))).toHaveLength(1);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(1);
    expect(h.remoteFile('main', 'pending.sql')).toBeDefined();

    fake.review(pull.number, 'dba', 'APPROVED');
    expect(await h.run(forge, config)).toMatchObject({ phase: 'apply', result: 'applied' });
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(0);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
  });

  it('reports check on the bot branch as a commit status and a comment, a reviewer’s backfill included', async () => {
    const { h, fake, forge } = await github(USERS, 'CREATE TABLE users (id int PRIMARY KEY, name text);');
    await h.run(forge);
    const pull = fake.pulls[0]!;
    const planned = h.remoteFile(pull.head, 'pending.sql')!;
    const backfill = `${planned.replace('-- hazards: none', '-- hazards: data-change 1')}-- hazard data-change: backfills names\nUPDATE users SET name = 'n/a';\n`;
    h.push({ 'pending.sql': backfill }, 'Backfill names', pull.head);
    h.checkout(pull.head);
    await reportCheck(await h.context(forge), 'pending.sql');
    const head = git(h.bare, 'rev-parse', pull.head).trim();
    // The backfill changes data: the plan checks out and waits for an approval.
    expect(fake.statuses.filter((s) => s.sha === head).map((s) => [s.context, s.state])).toEqual([
      ['schema-bot/check', 'success'],
      ['schema-bot/destructive-approval', 'pending'],
    ]);
    expect(pull.comments.at(-1)?.body).toMatch(/^`schema-bot check` passed: `pending.sql` turns production into/);

    h.push({ 'pending.sql': planned.replace(/^ALTER TABLE .*$/m, '') }, 'Drop the statement', pull.head);
    h.checkout(pull.head);
    await expect(reportCheck(await h.context(forge), 'pending.sql')).rejects.toThrow(NotConvergingError);
    expect(fake.statuses.filter((s) => s.context === 'schema-bot/check').at(-1)).toMatchObject({ sha: git(h.bare, 'rev-parse', pull.head).trim(), state: 'failure' });
    expect(pull.comments.at(-1)?.body).toMatch(/^`schema-bot check` failed:\n\n```text\n.*does not turn production into schema/);
  });

  it('names in the pull request the statements production’s rows make fail, and updates it once the rows are fixed', async () => {
    const { h, fake, forge } = await github(
      'CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users VALUES (1, NULL);',
      'CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);',
    );
    expect(await h.run(forge)).toMatchObject({ result: 'opened' });
    const pull = fake.pulls[0]!;
    const line = h.remoteFile(pull.head, 'pending.sql')!.split('\n').indexOf('ALTER TABLE public.users ALTER COLUMN name SET NOT NULL;') + 1;
    expect(pull.body).toMatch(/> \[!CAUTION\]\n> \*\*This plan will fail on production's rows as it stands\.\*\*/);
    expect(pull.body).toContain(`> - \`pending.sql:${line}\` \`ALTER TABLE public.users ALTER COLUMN name SET NOT NULL\` — sets name of public.users NOT NULL, and rows hold NULL in name`);

    await h.query(`UPDATE users SET name = 'n/a'`);
    expect(await h.run(forge)).toMatchObject({ result: 'updated' });
    expect(pull.body).not.toContain('[!CAUTION]');
    expect(h.remoteFile(pull.head, 'pending.sql')).not.toContain('-- fails on production');
  });
});

describe('the approval gate on GitHub', () => {
  const DROP = 'CREATE TABLE users (id int PRIMARY KEY, legacy text);';
  const legacy = (h: WorkflowHarness) => h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`);

  it('keeps the bar of the default branch: a pull request that sets required_approvals: 0 is refused, in check and in run', async () => {
    const { h, fake, forge } = await github(DROP, USERS);
    await h.run(forge);
    const pull = fake.pulls[0]!;
    h.push({ '.schema-bot.yml': 'required_approvals: 0\n' }, 'No approvals needed', pull.head);
    h.checkout(pull.head);
    await reportCheck(await h.context(forge), 'pending.sql');
    expect(fake.statuses.filter((s) => s.context === 'schema-bot/destructive-approval').at(-1)).toMatchObject({ sha: git(h.bare, 'rev-parse', pull.head).trim(), state: 'pending' });

    fake.merge(pull.number);
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(pull.comments.at(-1)?.body).toMatch(/^Not applied: `[^`]+` deletes data and needs 1 approval; it has 0\./);
    expect(await legacy(h)).toHaveLength(1);
  });

  it('counts no approval from an account without write access, from who pushed an edit, or on an older commit', async () => {
    // No approvers are configured, so anyone's approval may count: only the forge's rules keep one out.
    const { h, fake, forge } = await github(DROP, USERS);
    await h.run(forge);
    const pull = fake.pulls[0]!;
    const first = git(h.bare, 'rev-parse', pull.head).trim();
    fake.review(pull.number, 'dba', 'APPROVED');
    // The schema moves on: the bot replaces its commit, so dba's review is of a commit no longer the head.
    h.push({ 'schema/app.sql': `${USERS}\nCREATE TABLE notes (id int);` }, 'Add notes');
    expect(await h.run(forge)).toMatchObject({ result: 'updated' });
    h.push({ 'pending.sql': `${h.remoteFile(pull.head, 'pending.sql')}UPDATE users SET id = id;\n` }, 'Touch every row', pull.head);
    fake.review(pull.number, 'pat', 'APPROVED');
    fake.review(pull.number, 'outsider', 'APPROVED', { association: 'NONE' });
    fake.review(pull.number, 'member', 'APPROVED', { association: 'MEMBER' });
    fake.merge(pull.number);

    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(fake.pulls[0]!.reviews.map((r) => [r.user, r.commitId === first])).toEqual([['dba', true], ['pat', false], ['outsider', false], ['member', false]]);
    expect(pull.comments.at(-1)?.body).toMatch(/needs 1 approval; it has 0\./);
    expect(await legacy(h)).toHaveLength(1);

    fake.review(pull.number, 'dba', 'APPROVED');
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied' });
    expect(await legacy(h)).toHaveLength(0);
  });

  it('refuses a plan file on the default branch that is not the one approved on the head', async () => {
    const { h, fake, forge } = await github(DROP, USERS);
    await h.run(forge);
    const pull = fake.pulls[0]!;
    fake.review(pull.number, 'dba', 'APPROVED');
    fake.merge(pull.number);
    h.push({ 'pending.sql': `${h.remoteFile('main', 'pending.sql')}DELETE FROM users;\n` }, 'One more thing');

    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(pull.comments.at(-1)?.body).toMatch(/`pending.sql` on `main` is not the file approved on [0-9a-f]{12}, so no approval counts for it\./);
    expect(await legacy(h)).toHaveLength(1);
  });
});

describe('plan ids on GitHub', () => {
  it('closes an open pull request whose plan was applied by hand, and plans the next change under a new id', async () => {
    const { h, fake, forge } = await github(USERS, 'CREATE TABLE users (id int PRIMARY KEY, name text);');
    const first = await h.run(forge);
    const pull = fake.pulls[0]!;
    const plan = path.join(h.root, 'by-hand.sql');
    await writeFile(plan, h.remoteFile(pull.head, 'pending.sql')!);
    expect((await runCli(['apply', '--plan', plan, '--database-url', h.databaseUrl, '--shadow-url', serverUrl()])).code).toBe(0);

    h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text, email text);' }, 'Add email');
    const next = await h.run(forge);
    expect(next).toMatchObject({ phase: 'plan', result: 'opened' });
    expect(next.planId).not.toBe(first.planId);
    expect(pull).toMatchObject({ state: 'closed' });
    expect(pull.comments.at(-1)?.body).toMatch(new RegExp(`^Closed: its plan \`${first.planId}\` has been applied`));

    fake.merge(fake.pulls[1]!.number);
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied', planId: next.planId });
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'`)).toHaveLength(1);
  });
});
