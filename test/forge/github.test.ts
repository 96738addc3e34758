import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ForgeError } from '../../src/forge/forge-error.js';
import { createGitHubForge, type GitHubAuth } from '../../src/forge/github.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../support/fake-github.js';

const TOKEN = 'ghp_forgeTestToken0123456789';
const MARKER = '<!-- schema-bot:merge-request -->';
let fake: FakeGitHub | undefined;

afterEach(async () => {
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function setup(auth: (f: FakeGitHub) => GitHubAuth = () => ({ token: TOKEN }), app?: FakeGitHubOptions['app']) {
  fake = await startFakeGitHub({ tokens: { [TOKEN]: 'schema-bot' }, app, collaborators: ['dba', 'lead'] });
  fake.setBranch('main', 'a'.repeat(40));
  fake.setBranch('change-schema-20261124T050000Z', 'b'.repeat(40));
  const log: string[] = [];
  const forge = createGitHubForge({ apiUrl: fake.apiUrl, owner: fake.owner, repo: fake.repo, auth: auth(fake), retryAfterBaseMs: 1, paceWrites: false, log: (m) => log.push(m) });
  return { fake, forge, log };
}

describe('GitHub forge', () => {
  it('opens, finds, labels, reviews, gates, comments on and closes the bot pull request', async () => {
    const { fake, forge, log } = await setup();
    expect(await forge.defaultBranch()).toBe('main');
    expect(await forge.pushRestricted('main')).toBe(false);
    fake.protectBranch('main');
    expect(await forge.pushRestricted('main')).toBe(true);

    const branch = 'change-schema-20261124T050000Z';
    fake.setBranch('change-schema-by-hand', 'c'.repeat(40));
    await forge.openMergeRequest({ branch: 'change-schema-by-hand', baseBranch: 'main', title: 'A person', body: 'no marker' });
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();

    const opened = await forge.openMergeRequest({ branch, baseBranch: 'main', title: 'Schema change', body: `plan\n${MARKER}` });
    expect(opened).toMatchObject({ branch, baseBranch: 'main', state: 'open', author: 'schema-bot', headSha: 'b'.repeat(40) });
    const found = (await forge.findOpenBotMergeRequest('change-schema-', MARKER))!;
    expect(found.number).toBe(opened.number);

    await forge.setLabels(found, { add: ['schema-change', 'destructive'], remove: [] });
    const labelled = (await forge.findMergeRequestByBranch(branch))!;
    expect(labelled.labels).toEqual(['schema-change', 'destructive']);
    await forge.setLabels(labelled, { add: [], remove: ['destructive'] });
    expect(fake.pulls[1]!.labels).toEqual(['schema-change']);

    expect(await forge.requestReviewers(found, ['dba', 'schema-bot', 'dba'])).toEqual(['dba']);
    expect(await forge.requestReviewers(found, ['outsider', 'lead'])).toEqual(['lead']);
    expect(fake.pulls[1]!.requestedReviewers).toEqual(['dba', 'lead']);
    expect(log.join('\n')).toMatch(/not asking outsider to review: GitHub: request outsider to review pull request #2 failed \(HTTP 422\)/);

    fake.review(found.number, 'dba', 'APPROVED');
    fake.review(found.number, 'lead', 'APPROVED');
    fake.review(found.number, 'lead', 'COMMENTED');
    fake.review(found.number, 'intern', 'APPROVED');
    fake.review(found.number, 'intern', 'CHANGES_REQUESTED');
    expect(await forge.approvals(found, found.headSha)).toEqual(['dba', 'lead']);

    await forge.setCommitStatus(found.headSha, { context: 'schema-bot/destructive-approval', state: 'pending', description: 'x'.repeat(300) });
    expect(fake.statuses).toEqual([{ sha: 'b'.repeat(40), context: 'schema-bot/destructive-approval', state: 'pending', description: 'x'.repeat(140) }]);

    const updated = await forge.updateMergeRequest(found, { body: `plan 2\n${MARKER}` });
    expect(updated.body).toBe(`plan 2\n${MARKER}`);
    await forge.comment(found, 'Applied.');
    expect(fake.pulls[1]!.comments).toEqual([expect.objectContaining({ user: 'schema-bot', body: 'Applied.' })]);

    fake.merge(found.number);
    expect((await forge.findMergeRequestByBranch(branch))!.state).toBe('merged');
    await forge.closeMergeRequest(found);
    await forge.deleteBranch(branch);
    await forge.deleteBranch(branch);
    await expect(forge.pushRestricted(branch)).rejects.toThrow(/HTTP 404/);
    expect(await forge.gitCredentials()).toEqual({ username: 'x-access-token', password: TOKEN });
  });

  it('retries after 429 and 502', async () => {
    const { fake, forge, log } = await setup();
    fake.inject(
      { status: 429, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '1' } },
      { status: 502, body: { message: 'Server Error' } },
    );
    expect(await forge.defaultBranch()).toBe('main');
    expect(fake.injected()).toBe(2);
    expect(log.join('\n')).toMatch(/rate limit/);
  });

  it('acts as a GitHub App installation and pushes with its installation token', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = { id: '4242', slug: 'schema-bot-app', installationId: 77, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const { fake, forge } = await setup(() => ({ appId: app.id, installationId: app.installationId, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }), app);
    const mr = await forge.openMergeRequest({ branch: 'change-schema-20261124T050000Z', baseBranch: 'main', title: 't', body: MARKER });
    expect(mr.author).toBe('schema-bot-app[bot]');
    expect(await forge.requestReviewers(mr, ['schema-bot-app[bot]'])).toEqual([]);
    const credentials = (await forge.gitCredentials())!;
    expect(credentials.password).toMatch(/^ghs_/);
    expect(fake.pulls).toHaveLength(1);
  });

  it('names the failed call without the token when credentials are refused', async () => {
    const { forge } = await setup(() => ({ token: 'ghp_wrongToken987654321' }));
    const error = await forge.defaultBranch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as ForgeError).message).toMatch(/GitHub: read repository acme\/app failed \(HTTP 401\): Bad credentials/);
    expect((error as ForgeError).message).not.toContain('ghp_wrongToken987654321');
  });

  it('refuses a request that does not follow the OpenAPI description', async () => {
    const { fake } = await setup();
    const response = await fetch(`${fake.apiUrl}/repos/acme/app/pulls`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ head: 'change-schema-x', title: 42 }),
    });
    expect(response.status).toBe(400);
    expect(fake.violations.join('\n')).toMatch(/must have required property 'base'[\s\S]*\/title must be string/);
    fake.violations.length = 0;
  });
});
