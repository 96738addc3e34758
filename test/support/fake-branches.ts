import { execFileSync } from 'node:child_process';

/** A commit as git recorded it: names and emails, tied to no account. */
export interface FakeCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  date: string;
  message: string;
}

export interface FakeBranches {
  sha(name: string): string | undefined;
  /** The commits reachable from `head` and not from `base`, oldest first (none without a bare repository). */
  commits(base: string, head: string): FakeCommit[];
  set(name: string, sha: string): void;
  remove(name: string): void;
}

/**
 * A fake host's branches: those of a bare repository when there is one (so pushes made with real
 * git show up), else a map tests fill in.
 */
export function fakeBranches(bareRepo: string | undefined): FakeBranches {
  const map = new Map<string, string>();
  if (!bareRepo) return { sha: (name) => map.get(name), commits: () => [], set: (name, sha) => void map.set(name, sha), remove: (name) => void map.delete(name) };
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', bareRepo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return {
    sha: (name) => {
      try {
        return git('rev-parse', '--verify', '-q', `refs/heads/${name}`);
      } catch {
        return undefined;
      }
    },
    commits: (base, head) =>
      git('log', '--reverse', '--format=%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%cI%x1f%s%x1e', `${base}..${head}`)
        .split('\x1e')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [sha, authorName, authorEmail, committerName, committerEmail, date, message] = line.split('\x1f') as [string, string, string, string, string, string, string];
          return { sha, authorName, authorEmail, committerName, committerEmail, date, message };
        }),
    set: (name, sha) => void git('update-ref', `refs/heads/${name}`, sha),
    remove: (name) => void git('update-ref', '-d', `refs/heads/${name}`),
  };
}
