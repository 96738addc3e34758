import { afterEach, expect, it } from 'vitest';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import { startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab.js';

const TOKEN = 'glpat-forkTestToken0123456789';
const MARKER = '<!-- schema-bot:merge-request -->';
const BRANCH = 'change-schema-20261124T050000Z';
let fake: FakeGitLab | undefined;

afterEach(async () => {
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

it('does not take a merge request from a fork for the bot’s, whatever its branch and description say', async () => {
  fake = await startFakeGitLab({ tokens: { [TOKEN]: 'project_17_bot' }, users: ['mallory'] });
  fake.setBranch('main', 'a'.repeat(40));
  const forge = createGitLabForge({ url: fake.url, project: 'acme/app', token: TOKEN });

  fake.openFromFork({ sourceBranch: BRANCH, title: 'Schema change', description: `DROP TABLE users;\n${MARKER}`, author: 'mallory' });
  expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();

  fake.setBranch(BRANCH, 'b'.repeat(40));
  const own = await forge.openMergeRequest({ branch: BRANCH, baseBranch: 'main', title: 'Schema change', body: `plan\n${MARKER}` });
  expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toMatchObject({ number: own.number, author: 'project_17_bot' });
});
