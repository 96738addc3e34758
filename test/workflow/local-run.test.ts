import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { git, mergeInBare, squashInBare } from '../support/git-remote.js';
import { serverUrl } from '../support/postgres.js';
import { runCli, startCli } from '../support/run-cli.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The bot on the local host over a harness: `run` is one `schema-bot run` on main's latest commit,
 * with `args` and `env` added; its merge requests are in `dir`.
 */
async function localBot(production: string, schema: string, args: string[] = [], env: (h: WorkflowHarness) => NodeJS.ProcessEnv = () => ({})) {
  const h = await workflowHarness(production, schema, () => false);
  cleanups.push(h.close);
  // No host, no credentials: the remote is a path, as on a laptop.
  git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
  const run = () => {
    h.checkout();
    return runCli(['run', '--repo', h.botDir, '--host', 'local', ...args, '--database-url', h.databaseUrl, '--shadow-url', serverUrl()], { env: env(h) });
  };
  return { h, run, dir: path.join(h.botDir, '.schema-bot', 'merge-requests') };
}

/** A production column to drop, the bot's plan for it opened as a local merge request. */
async function plannedDrop() {
  const { h, run, dir } = await localBot('CREATE TABLE users (id int PRIMARY KEY, legacy text);', 'CREATE TABLE users (id int PRIMARY KEY);');
  expect((await run()).code).toBe(0);
  const [file] = await readdir(dir);
  const branch = file!.replace(/\.md$/, '');
  const approve = async (entry: string) => {
    const record = await readFile(path.join(dir, file!), 'utf8');
    await writeFile(path.join(dir, file!), record.replace(/approved_by:.*(\n  - .*)*/, `approved_by:\n  - ${entry}`));
  };
  const legacy = () => h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`);
  return { h, run, dir, record: path.join(dir, file!), branch, approve, legacy, head: () => git(h.bare, 'rev-parse', branch).trim() };
}

describe('schema-bot run on the local host', () => {
  it('writes the merge request as markdown, and once a person merges the branch applies it and removes pending.sql', async () => {
    const { h, run, dir } = await localBot('CREATE TABLE users (id int PRIMARY KEY);', 'CREATE TABLE users (id int PRIMARY KEY, name text);');

    const planned = await run();
    expect(planned.stderr).not.toMatch(/schema-bot run:/);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^Merge request \S+\.md\n\n# Schema change change-schema-\d{8}T\d{6}Z/m);
    expect(planned.stdout).toMatch(/- outcome: opened/);
    // users was never analyzed: its rows are unknown, and its few kB say it is small.
    expect(planned.stdout).toMatch(/^\| 1 \| `ALTER TABLE public\.users ADD COLUMN name text` \| public\.users \| rows unknown \(never analyzed\) \| \d+ kB \| ACCESS EXCLUSIVE \|  \| low \|$/m);
    const [file] = await readdir(dir);
    const branch = file!.replace(/\.md$/, '');
    expect(h.remoteFile(branch, 'pending.sql')).toContain('ALTER TABLE public.users ADD COLUMN name text;');
    expect(await readFile(path.join(dir, file!), 'utf8')).toMatch(/labels:\n  - schema-change\n[\s\S]*state: success/);
    // The merge requests are the bot's files, not the repository's: git ignores the folder it made.
    expect(git(h.botDir, 'status', '--porcelain', '--untracked-files=all')).not.toContain('.schema-bot');
    expect(git(h.botDir, 'check-ignore', path.join(dir, file!))).not.toBe('');

    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);
    const applied = await run();
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`Comment on \\S+:\\n\\nApplied \`${branch}\``));
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).toHaveLength(1);
    expect(h.remoteFile('main', 'pending.sql')).toBeUndefined();
    expect(git(h.bare, 'log', '-1', '--format=%an: %s', 'main').trim()).toBe(`schema-bot: Applied ${branch}: remove pending.sql`);
  });

  it('exits 5 and applies nothing while a merged plan that deletes data lacks approvals, and applies it once approved', async () => {
    const summaryOf = (h: WorkflowHarness) => path.join(h.root, 'step-summary.md');
    const { h, run, dir } = await localBot('CREATE TABLE users (id int PRIMARY KEY, legacy text);', 'CREATE TABLE users (id int PRIMARY KEY);', ['--approvers', 'dba'], (h) => ({ GITHUB_STEP_SUMMARY: summaryOf(h) }));
    expect((await run()).code).toBe(0);
    const [file] = await readdir(dir);
    const branch = file!.replace(/\.md$/, '');
    expect(await readFile(path.join(dir, file!), 'utf8')).toMatch(/- destructive\n[\s\S]*state: pending/);

    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);
    const refused = await run();
    expect(refused.code).toBe(5);
    expect(refused.stdout).toMatch(/Not applied: `[^`]+` deletes data and needs 1 approval from @dba; it has 0\./);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(1);

    const record = await readFile(path.join(dir, file!), 'utf8');
    const head = git(h.bare, 'rev-parse', branch).trim();
    await writeFile(path.join(dir, file!), record.replace('approved_by: []', `approved_by:\n  - dba@${head}`));
    expect((await run()).code).toBe(0);
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(0);
    expect(await readFile(summaryOf(h), 'utf8')).toMatch(/outcome: opened[\s\S]*refused: it deletes data and lacks approvals[\s\S]*outcome: \S+ applied/);
  });
});

describe('the approval gate on the local host', () => {
  it('keeps the bar of the default branch before the merge: a merge request that sets required_approvals: 0 is refused', async () => {
    const { h, run, branch, legacy } = await plannedDrop();
    h.push({ '.schema-bot.yml': 'required_approvals: 0\n' }, 'No approvals needed', branch);
    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);

    const refused = await run();
    expect(refused.code).toBe(5);
    expect(refused.stdout).toMatch(/Not applied: `[^`]+` deletes data and needs 1 approval; it has 0\./);
    expect(await legacy()).toHaveLength(1);
    expect(h.remoteFile('main', 'pending.sql')).toBeDefined();
  });

  it('counts an approval only for the head it names: a later push resets it', async () => {
    const { h, run, branch, approve, legacy, head } = await plannedDrop();
    const approved = head();
    await approve(`dba@${approved}`);
    h.push({ 'pending.sql': `${h.remoteFile(branch, 'pending.sql')}UPDATE users SET id = id;\n` }, 'Touch every row', branch);
    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);

    expect((await run()).code).toBe(5);
    expect(await legacy()).toHaveLength(1);
    await approve(`dba@${head()}`);
    expect((await run()).code).toBe(0);
    expect(await legacy()).toHaveLength(0);
  });
});

describe('a squash merge on the local host', () => {
  it('gates with the settings from before the squash, and once applied the merge request is done and the next change gets a new id', async () => {
    const { h, run, dir, record, branch, approve, legacy, head } = await plannedDrop();
    h.push({ '.schema-bot.yml': 'required_approvals: 0\n' }, 'No approvals needed', branch);
    squashInBare(h.bare, 'main', branch, `Squashed ${branch}`);
    expect((await run()).code).toBe(5);
    await approve(`dba@${head()}`);
    expect((await run()).code).toBe(0);
    expect(await legacy()).toHaveLength(0);

    // The squashed branch's head is not on main, so only the ledger tells that its plan is done.
    h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);' }, 'Add email');
    const next = await run();
    expect(next.stdout).toMatch(/- outcome: opened/);
    expect(await readFile(record, 'utf8')).toMatch(/^state: closed$/m);
    expect(await readdir(dir)).toHaveLength(2);
  });
});

describe('plan ids on the local host', () => {
  it('plans a second change after the first was applied under a new id, and applies it', async () => {
    const { h, run, dir } = await localBot('CREATE TABLE users (id int PRIMARY KEY);', 'CREATE TABLE users (id int PRIMARY KEY, name text);');
    expect((await run()).code).toBe(0);
    const [first] = await readdir(dir);
    const firstBranch = first!.replace(/\.md$/, '');
    mergeInBare(h.bare, 'main', firstBranch, `Merge ${firstBranch}`);
    expect((await run()).stdout).toMatch(/- outcome: \S+ applied/);

    h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text, email text);' }, 'Add email');
    const planned = await run();
    expect(planned.stdout).toMatch(/- outcome: opened/);
    const second = (await readdir(dir)).find((f) => f !== first)!;
    expect(second).toBeDefined();
    const secondBranch = second.replace(/\.md$/, '');
    expect(h.remoteFile(secondBranch, 'pending.sql')).toContain('ADD COLUMN email text;');
    mergeInBare(h.bare, 'main', secondBranch, `Merge ${secondBranch}`);
    const applied = await run();
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`Applied \`${secondBranch}\``));
    expect(await h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'`)).toHaveLength(1);
    expect(await h.query(`SELECT plan_id FROM schema_bot.ledger ORDER BY plan_id`)).toEqual([{ plan_id: firstBranch }, { plan_id: secondBranch }]);
    // A person merged the first with git: the local host says so, so its branch and id are never reused.
    expect(await readFile(path.join(dir, first!), 'utf8')).toMatch(/^state: merged$/m);
  });

  it('fails, and never runs it again, when a merged plan\'s CALL that commits was interrupted', async () => {
    // The procedure sleeps only where the gate has a row: in production, not in the shadow that rehearses the plan.
    const schema = `CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE done (n int); CREATE TABLE gate (g int);
      CREATE PROCEDURE work() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO done VALUES (1); COMMIT; PERFORM pg_sleep(60) FROM gate; END $$;`;
    const h = await workflowHarness(`${schema} INSERT INTO gate VALUES (1);`, schema.replace('(id int PRIMARY KEY)', '(id int PRIMARY KEY, name text)'), () => false);
    cleanups.push(h.close);
    git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
    // Only data loss waits for approvals here, as the default branch says: the CALL, unverifiable, goes ahead.
    h.push({ '.schema-bot.yml': 'gated: [data-loss]\n' }, 'Gate only data loss');
    const args = ['run', '--repo', h.botDir, '--host', 'local', '--database-url', h.databaseUrl, '--shadow-url', serverUrl()];
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
