import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('schema-bot preview', () => {
  // No DATABASE_URL and no token: a fork's pipeline has neither, and must pass without asking for them.
  it('passes a merge request from a fork without touching the database or the host, on GitHub and GitLab', async () => {
    const dir = await tempDir({ 'schema/app.sql': 'create table t (id bigint primary key);' });
    try {
      const event = path.join(dir.path, 'event.json');
      await writeFile(event, JSON.stringify({ pull_request: { head: { ref: 'feature', sha: 'a'.repeat(40), repo: { full_name: 'mallory/app' } }, base: { repo: { full_name: 'acme/app' } } } }));
      const github = await runCli(['preview', '--host', 'github'], { cwd: dir.path, env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_TOKEN: '' } });
      expect(github.stdout).toContain('skipped: feature comes from a fork');
      expect(github.code).toBe(0);

      const gitlab = await runCli(['preview', '--host', 'gitlab'], {
        cwd: dir.path,
        env: { CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature', CI_COMMIT_SHA: 'b'.repeat(40), CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '4242', CI_MERGE_REQUEST_PROJECT_ID: '17', GITLAB_TOKEN: '' },
      });
      expect(gitlab.stdout).toContain('skipped: feature comes from a fork');
      expect(gitlab.code).toBe(0);
    } finally {
      await dir.remove();
    }
  });
});
