import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitError, openRepository, PushRefused } from '../../src/git/repository.js';
import { bareRemote, git, installHook } from '../support/git-remote.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { tempDir } from '../support/temp-dir.js';

const BOT = { name: 'schema-bot', email: 'schema-bot@example.invalid' };
const CREDENTIALS = { username: 'x-access-token', password: 'ghs_gitTestToken0123456789' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A remote served over authenticated HTTP, a person's clone, and the bot's clone of it. */
async function setup(password = CREDENTIALS.password) {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  const { bare, clone: person } = bareRemote(dir.path, 'app', { 'pending.sql': 'ALTER TABLE t ADD c int;\n', 'README.md': 'app\n' });
  const server = await startGitHttpServer(dir.path, CREDENTIALS);
  cleanups.push(server.close);
  const botDir = path.join(dir.path, 'bot');
  git(dir.path, 'clone', '-q', bare, botDir);
  git(botDir, 'remote', 'set-url', 'origin', server.urlOf('app.git'));
  const repo = openRepository({ dir: botDir, author: BOT, credentials: async () => ({ ...CREDENTIALS, password }) });
  return { dir: dir.path, bare, person, botDir, repo, server };
}

describe('git', () => {
  it('publishes a bot branch over authenticated HTTP without touching the checkout, and sees a person’s commits on it', async () => {
    const { bare, person, botDir, repo, server } = await setup();
    writeFileSync(path.join(botDir, 'README.md'), 'work in progress\n');
    // As actions/checkout leaves it: a header with another token for the remote's URL.
    const stale = `Authorization: Basic ${Buffer.from('x-access-token:ghs_checkoutToken').toString('base64')}`;
    git(botDir, 'config', `http.${new URL(server.urlOf('app.git')).origin}/.extraheader`, stale);
    expect(await repo.remoteDefaultBranch()).toBe('main');
    const branch = 'change-schema-20261124T050607Z';
    const sha = await repo.publish({ branch, from: 'main', files: { 'pending.sql': '-- schema-bot plan\nDROP TABLE t;\n' }, message: `Plan ${branch}` });
    expect(git(bare, 'rev-parse', branch).trim()).toBe(sha);
    expect(git(bare, 'log', '-1', '--format=%an <%ae>', branch).trim()).toBe('schema-bot <schema-bot@example.invalid>');
    expect(git(botDir, 'status', '--porcelain', '--branch').trim().split('\n')).toEqual(['## main...origin/main', ' M README.md']);
    expect(git(botDir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(await repo.commitsByOthers(branch, 'main')).toEqual([]);
    expect(await repo.show(`origin/${branch}`, 'pending.sql')).toBe('-- schema-bot plan\nDROP TABLE t;\n');

    git(person, 'fetch', '-q', 'origin');
    git(person, 'checkout', '-q', branch);
    git(person, 'commit', '-q', '--allow-empty', '-m', 'Backfill before the drop');
    git(person, 'push', '-q', 'origin', branch);
    const others = await repo.commitsByOthers(branch, 'main');
    expect(others).toEqual([{ sha: git(person, 'rev-parse', 'HEAD').trim(), author: { name: 'Pat Person', email: 'pat@example.com' }, subject: 'Backfill before the drop' }]);

    const replan = { branch, from: 'main', files: { 'pending.sql': '-- schema-bot plan\n' }, message: 'Plan again' };
    await expect(repo.publish({ ...replan, replacing: sha })).rejects.toThrow(GitError);
    expect(git(bare, 'rev-parse', branch).trim()).toBe(others[0]!.sha);
    const replaced = await repo.publish({ ...replan, replacing: others[0]!.sha });
    expect(git(bare, 'rev-parse', branch).trim()).toBe(replaced);
    await repo.deleteBranch(branch);
    await repo.deleteBranch(branch);
    expect(git(bare, 'branch', '--list').trim()).toBe('* main');
  });

  // Someone pushes to main after the bot fetched and committed (the push is rejected: fetch
  // first), or while the bot pushes (the remote cannot move main from the commit it advertised).
  it.each(['post-commit', 'pre-push'])('removes pending.sql from the default branch, rebasing over a push that raced it (%s)', async (hook) => {
    const { bare, person, botDir, repo } = await setup();
    const raced = path.join(botDir, '.git', 'raced');
    installHook(path.join(botDir, '.git'), hook, `
      [ -e ${JSON.stringify(raced)} ] && exit 0
      touch ${JSON.stringify(raced)}
      cd ${JSON.stringify(person)} && unset GIT_DIR GIT_INDEX_FILE GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0 &&
        git commit -q --allow-empty -m 'Meanwhile on main' && git push -q origin main`);
    expect(await repo.removeFiles('main', ['pending.sql'], 'Applied change-schema-x: remove pending.sql')).toBe(true);
    expect(existsSync(raced)).toBe(true);
    expect(git(bare, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['Applied change-schema-x: remove pending.sql', 'Meanwhile on main', 'initial']);
    expect(git(bare, 'ls-tree', '--name-only', 'main').trim()).toBe('README.md');
    expect(await repo.removeFiles('main', ['pending.sql'], 'again')).toBe(false);
  });

  it('says when the remote refuses the push outright, and when it refuses the credentials, without them', async () => {
    const { bare, repo } = await setup();
    installHook(bare, 'pre-receive', 'echo "main is a protected branch" >&2; exit 1');
    await expect(repo.removeFiles('main', ['pending.sql'], 'remove')).rejects.toThrow(PushRefused);

    const wrong = (await setup('ghs_wrongToken987654321')).repo;
    const error = await wrong.remoteDefaultBranch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/git ls-remote failed/);
    expect((error as Error).message).not.toContain('ghs_wrongToken987654321');
  });
});
