import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalForge } from '../../src/forge/local.js';
import { tempDir } from '../support/temp-dir.js';

const MARKER = '<!-- schema-bot:merge-request -->';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('local forge', () => {
  it('keeps the merge request as markdown that a person approves by editing', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const printed: string[] = [];
    const removed: string[] = [];
    const forge = createLocalForge({
      dir: path.join(dir.path, '.schema-bot', 'merge-requests'),
      defaultBranch: 'main',
      print: (m) => printed.push(m),
      headOf: async (branch) => `${branch}-head`,
      removeBranch: async (branch) => void removed.push(branch),
    });
    expect(await forge.defaultBranch()).toBe('main');
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();

    const branch = 'change-schema-20261124T050000Z';
    const body = `DROP COLUMN legacy\n\n---\n\nmore\n${MARKER}\n`;
    const mr = await forge.openMergeRequest({ branch, baseBranch: 'main', title: 'Schema change: 1 drop', body });
    expect(printed[0]).toContain('# Schema change: 1 drop');
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toEqual(mr);
    expect(mr).toMatchObject({ number: 1, branch, body, headSha: `${branch}-head`, author: 'schema-bot', state: 'open' });

    await forge.setLabels(mr, { add: ['schema-change', 'destructive'], remove: [] });
    expect(await forge.requestReviewers(mr, ['dba', 'schema-bot'])).toEqual(['dba']);
    await forge.setCommitStatus(mr.headSha, { context: 'schema-bot/destructive-approval', state: 'pending', description: 'needs 1 approval' });
    expect(await forge.approvals(mr, mr.headSha)).toEqual([]);

    const file = path.join(dir.path, '.schema-bot', 'merge-requests', `${branch}.md`);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^---\n[\s\S]*approved_by: \[\]\n[\s\S]*---\n# Schema change: 1 drop\n\nDROP COLUMN legacy/);
    await writeFile(file, text.replace('approved_by: []', `approved_by:\n  - dba@${mr.headSha}\n  - schema-bot@${mr.headSha}\n  - lead\n  - ops@${'0'.repeat(40)}`));
    // Only approvals that name the head count: a bare name, or another commit, approves nothing.
    expect(await forge.approvals(mr, mr.headSha)).toEqual(['dba']);
    expect(await forge.approvals(mr, '0'.repeat(40))).toEqual(['ops']);

    const updated = await forge.updateMergeRequest(mr, { body: `changed\n${MARKER}` });
    expect(updated).toMatchObject({ labels: ['schema-change', 'destructive'], body: `changed\n${MARKER}` });
    await forge.comment(mr, 'Applied.');
    expect(printed.at(-1)).toContain('Applied.');
    await forge.closeMergeRequest(mr);
    await forge.deleteBranch(branch);
    expect(removed).toEqual([branch]);
    expect(await forge.findOpenBotMergeRequest('change-schema-', MARKER)).toBeUndefined();
    expect(await forge.findMergeRequestByBranch(branch)).toMatchObject({ state: 'closed' });
    expect(await readFile(file, 'utf8')).toMatch(/statuses:\n  - sha: change-schema-20261124T050000Z-head\n    context: schema-bot\/destructive-approval\n    state: pending/);
  });
});
