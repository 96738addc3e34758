import { afterEach, describe, expect, it } from 'vitest';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import { GITHUB_BODY_LIMIT } from '../../src/forge/hosts.js';
import { startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab.js';
import { installHook } from '../support/git-remote.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const TOKEN = 'glpat-workflowTestToken012345';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A GitLab project (the fake, over the harness's bare repository) with one planned change, and the bot's forge on it. */
async function gitlab(
  production = 'CREATE TABLE users (id int PRIMARY KEY);',
  schema = 'CREATE TABLE users (id int PRIMARY KEY, name text);',
): Promise<{ h: WorkflowHarness; fake: FakeGitLab; forge: ReturnType<typeof createGitLabForge> }> {
  const h = await workflowHarness(production, schema, (user, password) => user === 'oauth2' && password === TOKEN);
  cleanups.push(h.close);
  // pat is the person of the harness's commits; guest may see the project but not push.
  const fake = await startFakeGitLab({ tokens: { [TOKEN]: 'project_17_bot' }, users: ['dba', 'pat', 'guest'], members: { guest: 10 }, bareRepo: h.bare });
  cleanups.push(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });
  return { h, fake, forge: createGitLabForge({ url: fake.url, project: fake.projectId, token: TOKEN }) };
}

describe('schema-bot run on GitLab', () => {
  it('opens a merge request for a plan and, once merged, applies it, removes pending.sql and says so', async () => {
    const { h, fake, forge } = await gitlab();
    const opened = await h.run(forge);
    expect(opened).toMatchObject({ phase: 'plan', result: 'opened', destructive: false });
    expect(fake.mergeRequests).toHaveLength(1);
    const mr = fake.mergeRequests[0]!;
    expect(mr).toMatchObject({ sourceBranch: opened.planId, targetBranch: 'main', state: 'opened', labels: ['schema-change'] });
    expect(mr.description).toContain('ALTER TABLE public.users ADD COLUMN name text;');
    expect(fake.statuses.at(-1)).toMatchObject({ name: 'schema-bot/destructive-approval', state: 'success' });
    expect(await h.run(forge)).toMatchObject({ result: 'unchanged' });

    fake.merge(mr.iid);
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied', planId: opened.planId });
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).toHaveLength(1);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
    expect(mr.notes.at(-1)?.body).toMatch(new RegExp(`^Applied \`${opened.planId}\`: 1 statement;`));

    const sent = [...h.logs, opened.summary, ...fake.traffic.map((e) => `${e.request.url} ${e.request.body} ${e.response.body}`), ...h.git.traffic.map((r) => r.url)].join('\n');
    expect(sent).toContain(opened.planId);
    expect(sent).not.toContain(TOKEN);
  });

  it('puts a plan longer than GitHub takes into the description whole, as GitLab takes a million characters', async () => {
    const columns = Array.from({ length: 12 }, (_, c) => `a_rather_long_column_name_that_reviewers_read_${c} text`).join(', ');
    const tables = Array.from({ length: 120 }, (_, t) => `CREATE TABLE wide_table_${t} (id int PRIMARY KEY, ${columns});`).join('\n');
    const { h, fake, forge } = await gitlab('SELECT 1;', tables);
    const opened = await h.run(forge);
    const pending = h.remoteFile(opened.planId!, 'pending.sql')!;
    expect(pending.length).toBeGreaterThan(GITHUB_BODY_LIMIT);
    const description = fake.mergeRequests[0]!.description;
    expect(description).toContain(pending.trimEnd().split('\n').slice(-3).join('\n'));
    expect(description).not.toMatch(/the first \d+ are shown/);
  });

  it('opens a merge request that removes pending.sql when the default branch refuses the bot, once', async () => {
    const { h, fake, forge } = await gitlab();
    const opened = await h.run(forge);
    fake.merge(fake.mergeRequests[0]!.iid);
    installHook(h.bare, 'pre-receive', `while read old new ref; do [ "$ref" = refs/heads/main ] && { echo "GitLab: You are not allowed to push code to protected branches on this project." >&2; exit 1; }; done; exit 0`);

    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied' });
    const cleanup = fake.mergeRequests[1]!;
    expect(cleanup).toMatchObject({ sourceBranch: `${opened.planId}-cleanup`, targetBranch: 'main', state: 'opened' });
    expect(h.remoteFile(cleanup.sourceBranch, 'pending.sql')).toBeUndefined();
    expect(fake.mergeRequests[0]!.notes.at(-1)?.body).toContain(`could not be removed directly; the cleanup is in https://gitlab.fake/acme/app/-/merge_requests/${cleanup.iid}.`);

    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied' });
    expect(fake.mergeRequests).toHaveLength(2);
    expect(fake.mergeRequests[0]!.notes.filter((n) => n.body.startsWith('Applied'))).toHaveLength(1);
    fake.merge(cleanup.iid);
    expect(await h.run(forge)).toMatchObject({ phase: 'plan', result: 'nothing to do' });
  });

  it('does not apply a merged plan production has drifted from, and opens a new plan from production as it is', async () => {
    const { h, fake, forge } = await gitlab();
    const first = await h.run(forge);
    fake.merge(fake.mergeRequests[0]!.iid);
    await h.query('ALTER TABLE users ADD COLUMN hotfix int');

    const next = await h.run(forge);
    expect(next).toMatchObject({ phase: 'plan', result: 'opened', superseded: first.planId, destructive: true });
    expect(next.summary).toContain(`${first.planId} was not applied because production changed`);
    expect(fake.mergeRequests[0]!.notes.at(-1)?.body).toMatch(/^Applying `[^`]+` failed[\s\S]*production has changed since/);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
    const replacement = fake.mergeRequests[1]!;
    expect(replacement.sourceBranch).toBe(next.planId);
    expect(h.remoteFile(replacement.sourceBranch, 'pending.sql')).toMatch(/DROP COLUMN hotfix;\nALTER TABLE public.users ADD COLUMN name text;/);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).toHaveLength(0);
  });
});

describe('the approval gate on GitLab', () => {
  const USERS = 'CREATE TABLE users (id int PRIMARY KEY);';
  const legacy = (h: WorkflowHarness) => h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`);

  it('keeps the bar of the default branch: a merge request that gates nothing is refused', async () => {
    const { h, fake, forge } = await gitlab('CREATE TABLE users (id int PRIMARY KEY, legacy text);', USERS);
    await h.run(forge);
    const mr = fake.mergeRequests[0]!;
    h.push({ '.schema-bot.yml': 'gated: none\n' }, 'Nothing needs approval', mr.sourceBranch);
    fake.merge(mr.iid);
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(await legacy(h)).toHaveLength(1);
  });

  it('counts no approval from a Guest, from who pushed an edit, or given before the last push', async () => {
    // No approvers are configured, so anyone's approval may count: only the forge's rules keep one out.
    const { h, fake, forge } = await gitlab('CREATE TABLE users (id int PRIMARY KEY, legacy text);', USERS);
    await h.run(forge);
    const mr = fake.mergeRequests[0]!;
    fake.approve(mr.iid, 'dba');
    h.push({ 'pending.sql': `${h.remoteFile(mr.sourceBranch, 'pending.sql')}UPDATE users SET id = id;\n` }, 'Touch every row', mr.sourceBranch);
    fake.approve(mr.iid, 'pat');
    fake.approve(mr.iid, 'guest');
    fake.merge(mr.iid);

    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'apply-refused' });
    expect(mr.notes.at(-1)?.body).toMatch(/needs 1 approval; it has 0\./);
    expect(await legacy(h)).toHaveLength(1);
    fake.approve(mr.iid, 'dba');
    expect(await h.run(forge)).toMatchObject({ phase: 'apply', result: 'applied' });
    expect(await legacy(h)).toHaveLength(0);
  });
});
