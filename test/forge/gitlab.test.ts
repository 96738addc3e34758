import { afterEach, describe, expect, it } from 'vitest';
import { ForgeError } from '../../src/forge/forge-error.js';
import { createGitLabForge, refuseJobToken } from '../../src/forge/gitlab.js';
import { startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab.js';

const TOKEN = 'glpat-forgeTestToken0123456789';
const JOB_TOKEN = 'glcbt-jobToken0123456789';
const MARKER = '<!-- schema-bot:merge-request -->';
const BRANCH = 'change-schema-20261124T050000Z';
let fake: FakeGitLab | undefined;

afterEach(async () => {
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function setup(token = TOKEN) {
  fake = await startFakeGitLab({ tokens: { [TOKEN]: 'project_17_bot' }, users: ['dba', 'lead'] });
  fake.setBranch('main', 'a'.repeat(40));
  fake.setBranch(BRANCH, 'b'.repeat(40));
  return { fake, forge: createGitLabForge({ url: fake.url, project: 'acme/app', token }) };
}

describe('GitLab forge', () => {
  it('opens, finds, labels, reviews, gates, comments on and closes the bot merge request', async () => {
    const { fake, forge } = await setup();
    expect(await forge.defaultBranch()).toBe('main');
    expect(await forge.pushRestricted('main')).toBe(false);
    fake.protectBranch('main');
    expect(await forge.pushRestricted('main')).toBe(true);

    fake.setBranch('change-schema-by-hand', 'c'.repeat(40));
    await forge.openMergeRequest({ branch: 'change-schema-by-hand', baseBranch: 'main', title: 'A person', body: 'no marker' });
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();

    const opened = await forge.openMergeRequest({ branch: BRANCH, baseBranch: 'main', title: 'Schema change', body: `plan\n${MARKER}` });
    expect(opened).toMatchObject({ branch: BRANCH, baseBranch: 'main', state: 'open', author: 'project_17_bot', headSha: 'b'.repeat(40) });
    const found = (await forge.findOpenBotMergeRequest('change-schema-', MARKER))!;
    expect(found.number).toBe(opened.number);

    await forge.setLabels(found, { add: ['schema-change', 'destructive'], remove: [] });
    await forge.setLabels(found, { add: [], remove: ['destructive'] });
    expect((await forge.findMergeRequestByBranch(BRANCH))!.labels).toEqual(['schema-change']);

    expect(await forge.requestReviewers(found, ['dba', 'project_17_bot', 'nobody'])).toEqual(['dba']);
    expect(await forge.requestReviewers(found, ['lead'])).toEqual(['lead']);
    expect(fake.mergeRequests[1]!.reviewers).toEqual(['dba', 'lead']);

    fake.approve(found.number, 'lead');
    fake.approve(found.number, 'dba');
    expect(await forge.approvals(found, found.headSha)).toEqual(['dba', 'lead']);

    await forge.setCommitStatus(found.headSha, { context: 'schema-bot/destructive-approval', state: 'failure', description: 'needs 2 approvals' });
    expect(fake.statuses).toEqual([{ sha: 'b'.repeat(40), name: 'schema-bot/destructive-approval', state: 'failed', description: 'needs 2 approvals' }]);

    expect((await forge.updateMergeRequest(found, { body: `plan 2\n${MARKER}` })).body).toBe(`plan 2\n${MARKER}`);
    await forge.comment(found, 'Applied.');
    expect(fake.mergeRequests[1]!.notes).toEqual([expect.objectContaining({ author: 'project_17_bot', body: 'Applied.' })]);

    fake.merge(found.number);
    expect((await forge.findMergeRequestByBranch(BRANCH))!.state).toBe('merged');
    await forge.closeMergeRequest((await forge.findMergeRequestByBranch('change-schema-by-hand'))!);
    expect(fake.mergeRequests[0]!.state).toBe('closed');
    await forge.deleteBranch(BRANCH);
    await forge.deleteBranch(BRANCH);
    await expect(forge.pushRestricted(BRANCH)).rejects.toThrow(/HTTP 404/);
    expect(await forge.gitCredentials()).toEqual({ username: 'oauth2', password: TOKEN });
  });

  it('does not take a merge request from a fork for the bot’s, whatever its branch and description say', async () => {
    const { fake, forge } = await setup();
    fake.openFromFork({ sourceBranch: BRANCH, title: 'Schema change', description: `DROP TABLE users;\n${MARKER}`, author: 'mallory' });
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();

    const own = await forge.openMergeRequest({ branch: BRANCH, baseBranch: 'main', title: 'Schema change', body: `plan\n${MARKER}` });
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toMatchObject({ number: own.number, author: 'project_17_bot' });
  });

  it('retries after 429 and 502', async () => {
    const { fake, forge } = await setup();
    fake.inject({ status: 429, body: { message: 'Retry later' }, headers: { 'retry-after': '1' } }, { status: 502, body: { message: 'Bad Gateway' } });
    expect(await forge.defaultBranch()).toBe('main');
    expect(fake.injected()).toBe(2);
  });

  it('explains that a CI job token cannot open merge requests', async () => {
    expect(() => refuseJobToken(undefined, JOB_TOKEN)).toThrow(/CI_JOB_TOKEN cannot create or update merge requests/);
    expect(() => refuseJobToken(JOB_TOKEN, JOB_TOKEN)).toThrow(/project or group access token/);
    expect(refuseJobToken(TOKEN, JOB_TOKEN)).toBe(TOKEN);
  });

  it('refuses a request with an attribute the endpoint does not document', async () => {
    const { fake } = await setup();
    const response = await fetch(`${fake.url}/api/v4/projects/17/merge_requests`, {
      method: 'POST',
      headers: { 'private-token': TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ source_branch: BRANCH, target_branch: 'main', body: 'description is the attribute' }),
    });
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([
      'POST /api/v4/projects/17/merge_requests: attribute body is not part of merge_requests/create',
      "POST /api/v4/projects/17/merge_requests: merge_requests/create request must have required property 'title'",
    ]);
    fake.violations.length = 0;
  });

  it('names the failed call without the token when credentials are refused', async () => {
    const { forge } = await setup('glpat-wrongToken987654321');
    const error = await forge.defaultBranch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as ForgeError).message).toMatch(/GitLab: read project acme\/app failed \(HTTP 401\)/);
    expect((error as ForgeError).message).not.toContain('glpat-wrongToken987654321');
  });
});
