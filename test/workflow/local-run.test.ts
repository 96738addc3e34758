import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { git, mergeInBare } from '../support/git-remote.js';
import { serverUrl } from '../support/postgres.js';
import { runCli, startCli } from '../support/run-cli.js';
import { workflowHarness } from '../support/workflow-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('schema-bot run on the local host', () => {
  it('writes the merge request as markdown, and once a person merges the branch applies it and removes pending.sql', async () => {
    const h = await workflowHarness('CREATE TABLE users (id int PRIMARY KEY);', 'CREATE TABLE users (id int PRIMARY KEY, name text);', () => false);
    cleanups.push(h.close);
    // No host, no credentials: the remote is a path, as on a laptop.
    git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
    const run = () => {
      h.checkout();
      return runCli(['run', '--repo', h.botDir, '--host', 'local', '--database-url', h.databaseUrl, '--shadow-url', serverUrl()]);
    };

    const planned = await run();
    expect(planned.stderr).not.toMatch(/schema-bot run:/);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^Merge request \S+\.md\n\n# Schema change change-schema-\d{8}T\d{6}Z/m);
    expect(planned.stdout).toMatch(/- outcome: opened/);
    const dir = path.join(h.botDir, '.schema-bot', 'merge-requests');
    const [file] = await readdir(dir);
    const branch = file!.replace(/\.md$/, '');
    expect(h.remoteFile(branch, 'pending.sql')).toContain('ALTER TABLE public.users ADD COLUMN name text;');
    expect(await readFile(path.join(dir, file!), 'utf8')).toMatch(/labels:\n  - schema-change\n[\s\S]*state: success/);

    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);
    const applied = await run();
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`Comment on \\S+:\\n\\nApplied \`${branch}\``));
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).toHaveLength(1);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
    expect(git(h.bare, 'log', '-1', '--format=%an: %s', 'main').trim()).toBe(`schema-bot: Applied ${branch}: remove pending.sql`);
  });

  it('exits 5 and applies nothing while a merged plan that deletes data lacks approvals, and applies it once approved', async () => {
    const h = await workflowHarness('CREATE TABLE users (id int PRIMARY KEY, legacy text);', 'CREATE TABLE users (id int PRIMARY KEY);', () => false);
    cleanups.push(h.close);
    git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
    const summary = path.join(h.root, 'step-summary.md');
    const run = () => {
      h.checkout();
      return runCli(['run', '--repo', h.botDir, '--host', 'local', '--approvers', 'dba', '--database-url', h.databaseUrl, '--shadow-url', serverUrl()], { env: { GITHUB_STEP_SUMMARY: summary } });
    };
    expect((await run()).code).toBe(0);
    const dir = path.join(h.botDir, '.schema-bot', 'merge-requests');
    const [file] = await readdir(dir);
    const branch = file!.replace(/\.md$/, '');
    expect(await readFile(path.join(dir, file!), 'utf8')).toMatch(/- destructive\n[\s\S]*state: pending/);

    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);
    const refused = await run();
    expect(refused.code).toBe(5);
    expect(refused.stdout).toMatch(/Not applied: `[^`]+` deletes data and needs 1 approval from @dba; it has 0\./);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(1);

    const record = await readFile(path.join(dir, file!), 'utf8');
    await writeFile(path.join(dir, file!), record.replace('approved_by: []', 'approved_by:\n  - dba'));
    expect((await run()).code).toBe(0);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(0);
    expect(await readFile(summary, 'utf8')).toMatch(/outcome: opened[\s\S]*refused: it deletes data and lacks approvals[\s\S]*outcome: \S+ applied/);
  });

  it('fails, and never runs it again, when a merged plan\'s CALL that commits was interrupted', async () => {
    // The procedure sleeps only where the gate has a row: in production, not in the shadow that rehearses the plan.
    const schema = `CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE done (n int); CREATE TABLE gate (g int);
      CREATE PROCEDURE work() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO done VALUES (1); COMMIT; PERFORM pg_sleep(60) FROM gate; END $$;`;
    const h = await workflowHarness(`${schema} INSERT INTO gate VALUES (1);`, schema.replace('(id int PRIMARY KEY)', '(id int PRIMARY KEY, name text)'), () => false);
    cleanups.push(h.close);
    git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
    // Only data loss waits for approvals here: the CALL, unverifiable, goes ahead.
    const args = ['run', '--repo', h.botDir, '--host', 'local', '--gated', 'data-loss', '--database-url', h.databaseUrl, '--shadow-url', serverUrl()];
    h.checkout();
    expect((await runCli(args)).code).toBe(0);
    const [file] = await readdir(path.join(h.botDir, '.schema-bot', 'merge-requests'));
    const branch = file!.replace(/\.md$/, '');
    h.push({ 'pending.sql': `${h.remoteFile(branch, 'pending.sql')}CALL public.work();\n` }, 'Run work() once the column is there', branch);
    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);

    const rows = async () => (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM done'))[0]!.n;
    h.checkout();
    const { child, done } = startCli(args);
    for (let i = 0; i < 300 && (await rows()) === 0; i++) await sleep(100);
    child.kill('SIGKILL');
    await done;
    expect(await rows()).toBe(1);

    h.checkout();
    const rerun = await runCli(args);
    expect(rerun.stderr).toMatch(/stopped during step 2 \(CALL public\.work\(\)\), which commits on its own: .* --resume-after-step 2/);
    expect(rerun.code).toBe(1);
    expect(await rows()).toBe(1);
  }, 120_000);
});
