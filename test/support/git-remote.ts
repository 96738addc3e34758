import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runs git with a fixed identity and no user or system configuration, returning its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Pat Person', GIT_AUTHOR_EMAIL: 'pat@example.com', GIT_COMMITTER_NAME: 'Pat Person', GIT_COMMITTER_EMAIL: 'pat@example.com' },
  });
}

/**
 * A bare repository `<root>/<name>.git` whose default branch `main` holds `files`, and a clone
 * of it at `<root>/<name>` for a person to work in.
 */
export function bareRemote(root: string, name: string, files: Record<string, string>): { bare: string; clone: string } {
  const bare = path.join(root, `${name}.git`);
  const clone = path.join(root, name);
  git(root, 'init', '-q', '--bare', '-b', 'main', bare);
  git(root, 'clone', '-q', bare, clone);
  git(clone, 'checkout', '-q', '-b', 'main');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    writeFileSync(path.join(clone, file), content);
    git(clone, 'add', file);
  }
  git(clone, 'commit', '-q', '-m', 'initial');
  git(clone, 'push', '-q', 'origin', 'main');
  return { bare, clone };
}

/** Installs an executable hook script. */
export function installHook(gitDir: string, hook: string, script: string): void {
  const file = path.join(gitDir, 'hooks', hook);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

/**
 * Merges `head` into `base` inside a bare repository, as a host's merge button does: a merge
 * commit of the two, `base` moved to it. Returns the merge commit.
 */
export function mergeInBare(bare: string, base: string, head: string, message: string): string {
  const tree = git(bare, 'merge-tree', '--write-tree', `refs/heads/${base}`, `refs/heads/${head}`).split('\n')[0]!.trim();
  const commit = git(bare, 'commit-tree', tree, '-p', `refs/heads/${base}`, '-p', `refs/heads/${head}`, '-m', message).trim();
  git(bare, 'update-ref', `refs/heads/${base}`, commit);
  return commit;
}

/**
 * Squashes `head` into `base` inside a bare repository, as a host's squash merge does: one commit
 * with the merged tree and `base` as its only parent. Returns that commit.
 */
export function squashInBare(bare: string, base: string, head: string, message: string): string {
  const tree = git(bare, 'merge-tree', '--write-tree', `refs/heads/${base}`, `refs/heads/${head}`).split('\n')[0]!.trim();
  const commit = git(bare, 'commit-tree', tree, '-p', `refs/heads/${base}`, '-m', message).trim();
  git(bare, 'update-ref', `refs/heads/${base}`, commit);
  return commit;
}
