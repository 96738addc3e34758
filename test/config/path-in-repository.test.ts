import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { actionFromSource, runAction } from '../support/run-action.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

/** Files a setting may name are the repository's: none of these may lead out of it. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A repository directory `repo/` beside a directory `outside/`, with `repo/linked` a symbolic link to `outside/`. */
async function layout(files: Record<string, string> = {}) {
  const root = await tempDir(Object.fromEntries(Object.entries(files).map(([f, c]) => [`repo/${f}`, c])));
  cleanups.push(root.remove);
  const repo = path.join(root.path, 'repo');
  const outside = path.join(root.path, 'outside');
  await mkdir(repo, { recursive: true });
  await mkdir(outside);
  await symlink(outside, path.join(repo, 'linked'));
  // A link to a file that does not exist yet: writing through it would create the file outside.
  await symlink(path.join(outside, 'dangling.sql'), path.join(repo, 'dangling.sql'));
  return { root: root.path, repo, outside };
}

const problemsOf = (cwd: string, request: { env?: NodeJS.ProcessEnv; flags?: Record<string, string> }) =>
  loadConfig({ cwd, env: request.env ?? {}, flags: request.flags }).then(() => '', (error: Error) => error.message);

it('refuses a pending_file that leaves the repository, naming where the setting came from', async () => {
  const { repo } = await layout({ '.schema-bot.yml': 'pending_file: ../outside.sql\n' });
  expect(await problemsOf(repo, {})).toContain(`${path.join(repo, '.schema-bot.yml')}: pending_file: ../outside.sql is outside the repository ${repo}`);
  expect(await problemsOf(repo, { env: { SCHEMA_BOT_PENDING_FILE: '/tmp/x.sql' } })).toContain(`SCHEMA_BOT_PENDING_FILE: /tmp/x.sql is outside the repository`);
  expect(await problemsOf(repo, { flags: { 'pending-file': 'linked/pending.sql' } })).toContain('--pending-file: linked/pending.sql leads outside the repository');
  expect(await problemsOf(repo, { flags: { 'pending-file': 'dangling.sql' } })).toContain('--pending-file: dangling.sql leads outside the repository');
  // Inside, by a relative or an absolute path, is fine.
  expect(await problemsOf(repo, { flags: { 'pending-file': 'db/pending.sql' } })).toBe('');
  expect(await problemsOf(repo, { flags: { 'pending-file': path.join(repo, 'db', 'pending.sql') } })).toBe('');
});

it('refuses plan --out and dump --out outside the current directory before reading any database', async () => {
  const { repo, outside } = await layout();
  const unreachable = 'postgres://app@127.0.0.1:1/app';
  for (const [args, shown] of [
    [['plan', '--out', '/tmp/x.sql'], '--out: /tmp/x.sql is outside the repository'],
    [['plan', '--out', 'linked/x.sql'], '--out: linked/x.sql leads outside the repository'],
    [['dump', '--out', '../outside/schema'], '--out: ../outside/schema is outside the repository'],
  ]) {
    const result = await runCli([...args!, '--database-url', unreachable], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(shown);
  }
  expect(existsSync(path.join(outside, 'x.sql'))).toBe(false);
  expect(existsSync(path.join(outside, 'schema'))).toBe(false);
});

it('refuses the Action’s pending_file outside the checkout, writing nothing there', async () => {
  const { root, outside } = await layout({ '.schema-bot.yml': 'pending_file: ../outside/pending.sql\n', 'schema/app.sql': 'CREATE TABLE a (id int);\n' });
  const run = await runAction(actionFromSource(), {
    workspace: root,
    inputs: { command: 'plan', 'database-url': 'postgres://app@127.0.0.1:1/app', 'working-directory': 'repo' },
    env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: 'acme/app' },
  });
  expect(run.code).toBe(1);
  expect(run.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([expect.stringContaining('pending_file: ../outside/pending.sql is outside the repository')]);
  expect(existsSync(path.join(outside, 'pending.sql'))).toBe(false);
});
