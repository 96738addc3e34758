import { execFileSync } from 'node:child_process';

export interface FakeBranches {
  sha(name: string): string | undefined;
  set(name: string, sha: string): void;
  remove(name: string): void;
}

/**
 * A fake host's branches: those of a bare repository when there is one (so pushes made with real
 * git show up), else a map tests fill in.
 */
export function fakeBranches(bareRepo: string | undefined): FakeBranches {
  const map = new Map<string, string>();
  if (!bareRepo) return { sha: (name) => map.get(name), set: (name, sha) => void map.set(name, sha), remove: (name) => void map.delete(name) };
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', bareRepo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return {
    sha: (name) => {
      try {
        return git('rev-parse', '--verify', '-q', `refs/heads/${name}`);
      } catch {
        return undefined;
      }
    },
    set: (name, sha) => void git('update-ref', `refs/heads/${name}`, sha),
    remove: (name) => void git('update-ref', '-d', `refs/heads/${name}`),
  };
}
