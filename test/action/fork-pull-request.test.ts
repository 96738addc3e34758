import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { actionFromSource, runAction, type ActionRun } from '../support/run-action.js';
import { tempDir } from '../support/temp-dir.js';

const action = actionFromSource();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** `check` on a pull_request_target event whose head lives in `headRepo` (null: a deleted fork). */
async function checkTarget(headRepo: string | null, ref: string): Promise<ActionRun> {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  await mkdir(path.join(dir.path, 'schema'));
  await writeFile(path.join(dir.path, 'schema', 'app.sql'), 'DROP TABLE users;\n');
  const pullRequest = {
    number: 7,
    head: { ref, sha: 'b'.repeat(40), repo: headRepo && { full_name: headRepo } },
    base: { ref: 'main', repo: { full_name: 'acme/app' } },
  };
  return runAction(action, {
    workspace: dir.path,
    // Unreachable on purpose: a refused event must not get as far as the database.
    inputs: { command: 'check', 'database-url': 'postgres://app:pw-fork-0815@127.0.0.1:1/app', token: 'ghs_forkTestToken0123456789' },
    env: { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: 'http://127.0.0.1:1' },
    event: { action: 'opened', number: 7, pull_request: pullRequest },
  });
}

const errors = (run: ActionRun) => run.commands.filter((c) => c.name === 'error').map((c) => c.message);

it('refuses a pull_request_target event from a fork, a deleted one included, before anything else', async () => {
  for (const [headRepo, named] of [['mallory/app', 'the fork mallory/app'], [null, 'a fork']] as const) {
    const run = await checkTarget(headRepo, 'change-schema-20261124T050000Z');
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([expect.stringContaining(`refused: this pull_request_target event comes from ${named}`)]);
    expect(run.outputs.result).toBe('failed');
  }
});

it('still checks a pull_request_target event from a branch of the repository itself, naming the branch as text', async () => {
  const run = await checkTarget('acme/app', 'feature/<b>@everyone</b>');
  expect(errors(run)).toEqual([]);
  expect(run.code).toBe(0);
  expect(run.outputs.result).toBe('skipped');
  expect(run.summary).toContain('skipped: feature/&lt;b&gt;@&#8203;everyone&lt;/b&gt; is not a bot branch');
});
