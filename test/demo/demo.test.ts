import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let kept: string | undefined;
afterAll(async () => {
  if (kept) await rm(kept, { recursive: true, force: true });
});

/** `npm run demo -- <args>` as a user runs it, in the checkout. */
function npmRunDemo(args: string[]) {
  return runProcess('npm', ['run', '--silent', 'demo', '--', ...args], { cwd: root, env: process.env });
}

describe('npm run demo', () => {
  // A whole run of the bot three times over, PGlite started four times: on a busy 2-core machine a
  // minute is possible, so it gets more than the default timeout.
  it('previews the developer’s merge request, plans, flags the DROP, is refused without approval, then applies and removes pending.sql', { timeout: 240_000 }, async () => {
    const { code, stdout, stderr } = await npmRunDemo(['--keep']);
    expect(stderr).not.toMatch(/schema-bot demo:/);
    expect(code).toBe(0);
    kept = /Kept (\S+):/.exec(stdout)?.[1];
    expect(kept).toBeDefined();

    // Before the developer's branch is merged: one comment with the plan, the approval it will need, and lint.
    const preview = stdout.slice(stdout.indexOf('schema-bot preview'), stdout.indexOf('into main'));
    expect(preview).toMatch(/│ ### Schema preview of [0-9a-f]{40}/);
    expect(preview).toMatch(/│ > - `ALTER TABLE public\.users DROP COLUMN password_md5` \(data-loss\)/);
    expect(preview).toMatch(/│ \| warning \| `fk-without-index` \| schema\/task\\_comments\.sql\\:4 \|/);
    expect(preview).toMatch(/Status schema-bot\/preview of [0-9a-f]{12}: success/);

    // The plan and the merge request, with the DROP flagged as deleting data.
    expect(stdout).toMatch(/^\s+│ -- hazard data-loss: drops column public\.users\.password_md5 and its data/m);
    expect(stdout).toMatch(/^\s+│ > \*\*This plan needs approval:\*\* .* It needs 1 approval from @dba/m);
    expect(stdout).toMatch(/CREATE TABLE public\.task_comments/);
    // The gate refuses, then the approval lets it through.
    expect(stdout).toMatch(/Not applied: `change-schema-\d{8}T\d{6}Z` deletes data and needs 1 approval from @dba; it has 0\.[\s\S]*→ exit 5\n  production still has users\.password_md5: yes/);
    expect(stdout).toMatch(/Applied `change-schema-\d{8}T\d{6}Z`: 7 statements;[\s\S]*→ exit 0\n\nResult:/);

    // What the demo left behind, read without it: production's data directory and the remote.
    const production = new PGlite(path.join(kept!, 'production'));
    try {
      const columns = await production.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position`);
      expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'email', 'display_name', 'created_at']);
      const comments = await production.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'task_comments'`);
      expect(comments.rows).toHaveLength(1);
      const users = await production.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(users.rows[0]!.n).toBe(2);
      const ledger = await production.query<{ plan_id: string }>('SELECT * FROM schema_bot.ledger');
      expect(ledger.rows).toHaveLength(1);
    } finally {
      await production.close();
    }
    const remote = path.join(kept!, 'remote.git');
    const tree = execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], { cwd: remote, encoding: 'utf8' });
    expect(tree.split('\n')).toContain('schema/task_comments.sql');
    expect(tree.split('\n')).not.toContain('pending.sql');
    const lastCommit = execFileSync('git', ['log', '-1', '--format=%an: %s', 'main'], { cwd: remote, encoding: 'utf8' }).trim();
    expect(lastCommit).toMatch(/^schema-bot: Applied change-schema-\d{8}T\d{6}Z: remove pending\.sql$/);
    const branch = /Applied (change-schema-\d{8}T\d{6}Z)/.exec(lastCommit)![1]!;
    const mergeRequest = await readFile(path.join(kept!, 'ci-checkout', '.schema-bot', 'merge-requests', `${branch}.md`), 'utf8');
    expect(mergeRequest).toMatch(/approved_by:\n  - dba@[0-9a-f]{40}\n/);
    expect(mergeRequest).toMatch(/labels:\n  - schema-change\n  - destructive\n/);
  });
});
