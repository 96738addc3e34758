import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigAt } from '../../src/config/config-at-revision.js';
import { DEFAULTS } from '../../src/config/options.js';
import { openRepository } from '../../src/git/repository.js';
import { bareRemote, git } from '../support/git-remote.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A repository whose default branch asks for two approvals from dba. */
async function askingForTwo() {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  const { clone } = bareRemote(dir.path, 'app', { '.schema-bot.yml': 'approvers: [dba]\nrequired_approvals: 2\n' });
  const before = git(clone, 'rev-parse', 'HEAD').trim();
  return { repo: openRepository({ dir: clone, author: DEFAULTS.commitAuthor, credentials: async () => undefined }), before, cwd: clone };
}

describe('the gate’s settings at a revision', () => {
  it('lets the CI job’s environment and flags raise the bar of the file at that revision, never lower it', async () => {
    const { repo, before, cwd } = await askingForTwo();
    // A merge request can edit the workflow's env: as easily as .schema-bot.yml.
    const lowered = await loadConfigAt(repo, before, {
      cwd,
      env: { SCHEMA_BOT_REQUIRED_APPROVALS: '0', SCHEMA_BOT_GATED: 'none', SCHEMA_BOT_APPROVERS: 'mallory' },
    });
    expect(lowered).toMatchObject({ requiredApprovals: 2, gated: ['data-loss', 'data-change', 'unverifiable'], approvers: ['dba'] });
    const raised = await loadConfigAt(repo, before, { cwd, env: {}, flags: { 'required-approvals': '3' } });
    expect(raised.requiredApprovals).toBe(3);
  });
});
