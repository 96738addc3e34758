import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { redactText } from '../secrets/redact.js';

export interface GitIdentity {
  name: string;
  email: string;
}

/** Username and password for the remote over HTTPS (a forge's token); the password is secret. */
export interface RemoteCredentials {
  username: string;
  password: string;
}

export interface RepositoryOptions {
  /** A checkout of the repository; the bot commits in private worktrees and never changes it. */
  dir: string;
  remote?: string;
  /** Who the bot's commits are by. */
  author: GitIdentity;
  /** Asked once, before the first command that talks to the remote. */
  credentials?: () => Promise<RemoteCredentials | undefined>;
}

/** A git command failed; the message is git's, scrubbed of the credentials. */
export class GitError extends Error {
  override name = 'GitError';
}

/** The remote refused a push for a reason a fetch and rebase cannot fix (a protected branch, a hook). */
export class PushRefused extends GitError {
  override name = 'PushRefused';
}

export interface Commit {
  sha: string;
  author: GitIdentity;
  subject: string;
}

/**
 * Someone pushed in between: before the remote advertised its refs (rejected, fetch first) or
 * after (the remote could not move the ref from the commit the push expected).
 */
const RACED = /\[rejected\][^\n]*\((fetch first|non-fast-forward|stale info)\)|failed to update ref|cannot lock ref/;
const REFUSED = /\[remote rejected\]|protected branch|hook declined|GH006|not allowed to push/i;

/**
 * The bot's git: simple-git on a checkout it reads but never changes (commits are made in
 * throwaway worktrees). Credentials reach git through the environment (GIT_CONFIG_* setting an
 * http.<url>.extraHeader), never through a URL or an argument, so no process listing, remote URL
 * or git message shows them; errors are scrubbed all the same.
 */
export function openRepository(options: RepositoryOptions) {
  const remote = options.remote ?? 'origin';
  const secrets: string[] = [];
  let env: Record<string, string> | undefined;

  const client = (cwd: string, environment: Record<string, string>): SimpleGit =>
    // simple-git guards GIT_CONFIG_COUNT because a caller's input could smuggle settings in; here
    // the bot sets its keys itself.
    simpleGit({ baseDir: cwd, allowEnvironment: Object.keys(environment), unsafe: { allowUnsafeConfigEnvCount: true } }).env(environment);

  /**
   * The environment git runs in: the bot's identity and, for an HTTP remote, the credentials as an
   * Authorization header for that remote's URL. An empty value first clears headers a CI checkout
   * may have configured (actions/checkout sets one), so exactly one is sent.
   */
  async function gitEnv(): Promise<Record<string, string>> {
    if (env) return env;
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    };
    const url = (await client(options.dir, base).remote(['get-url', remote]).catch(() => '')) || '';
    const credentials = /^https?:\/\//.test(url.trim()) ? await options.credentials?.() : undefined;
    if (credentials) {
      const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
      secrets.push(credentials.password, encodeURIComponent(credentials.password), basic);
      const key = `http.${new URL(url.trim()).origin}/.extraHeader`;
      Object.assign(base, { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: key, GIT_CONFIG_VALUE_0: '', GIT_CONFIG_KEY_1: key, GIT_CONFIG_VALUE_1: `Authorization: Basic ${basic}` });
    }
    env = base;
    return env;
  }

  async function run(args: string[], cwd = options.dir): Promise<string> {
    try {
      return await client(cwd, await gitEnv()).raw(args);
    } catch (error) {
      const message = redactText(`git ${args[0]} failed: ${(error as Error).message}`, { tokens: secrets });
      const refused = args[0] === 'push' && REFUSED.test(message) && !RACED.test(message);
      throw refused ? new PushRefused(message) : new GitError(message);
    }
  }

  /** Runs `work` in a throwaway worktree detached at `start`, so the caller's checkout stays as it is. */
  async function inWorktree<T>(start: string, work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(path.join(tmpdir(), 'schema-bot-worktree-'));
    try {
      await run(['worktree', 'add', '--detach', dir, start]);
      return await work(dir);
    } finally {
      await run(['worktree', 'remove', '--force', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }

  const pushHead = (dir: string, branch: string, replacing?: string) =>
    run(['push', '--porcelain', ...(replacing ? [`--force-with-lease=refs/heads/${branch}:${replacing}`] : []), remote, `HEAD:refs/heads/${branch}`], dir);

  const exists = (dir: string, file: string) => access(path.join(dir, file)).then(() => true, () => false);

  const repository = {
    dir: options.dir,

    /** The remote's default branch, from its HEAD. */
    async remoteDefaultBranch(): Promise<string> {
      const out = await run(['ls-remote', '--symref', remote, 'HEAD']);
      const match = /^ref: refs\/heads\/(\S+)\tHEAD/m.exec(out);
      if (!match) throw new GitError(`the remote ${remote} names no default branch`);
      return match[1]!;
    },

    async fetch(...branches: string[]): Promise<void> {
      await run(['fetch', '--prune', remote, ...branches.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`)]);
    },

    /** The branch checked out, or undefined on a detached head. */
    async currentBranch(): Promise<string | undefined> {
      return (await run(['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => '')).trim() || undefined;
    },

    /** The commit `ref` names, or undefined when there is no such ref. */
    async resolve(ref: string): Promise<string | undefined> {
      return (await run(['rev-parse', '--verify', '-q', `${ref}^{commit}`]).catch(() => '')).trim() || undefined;
    },

    /** A file's content at a ref (`origin/change-schema-…`), or undefined when it is not there. */
    async show(ref: string, file: string): Promise<string | undefined> {
      return run(['show', `${ref}:${file}`]).catch(() => undefined);
    },

    /** Whether `commit` is `ref` or one of its ancestors. */
    async contains(ref: string, commit: string): Promise<boolean> {
      // Not `merge-base --is-ancestor`: its "no" is an exit code without a message, which
      // simple-git does not take for a failure.
      const base = (await run(['merge-base', commit, ref]).catch(() => '')).trim();
      return base !== '' && base === (await repository.resolve(commit));
    },

    /**
     * The commit on `ref`'s first-parent line just before the latest commit that added `file`:
     * for a merged plan, the default branch as it was before the merge (merge commit, squash or
     * rebase alike, the plan's own commit being the branch's first). Undefined when `file` was
     * never added on that line.
     */
    async beforeAdded(ref: string, file: string): Promise<string | undefined> {
      const added = (await run(['log', '--first-parent', '--diff-filter=A', '--format=%H', '-1', ref, '--', file])).trim();
      return added ? repository.resolve(`${added}^1`) : undefined;
    },

    /**
     * Commits `files` (path → content) on top of the remote's `from` and pushes that commit to
     * `branch`; returns it. With `replacing`, the remote branch may be overwritten, but only while
     * it still points at that commit, so a person's push in between makes this fail.
     */
    async publish(change: { branch: string; from: string; files: Record<string, string>; message: string; replacing?: string }): Promise<string> {
      await repository.fetch(change.from);
      return inWorktree(`${remote}/${change.from}`, async (dir) => {
        for (const [file, content] of Object.entries(change.files)) {
          await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await writeFile(path.join(dir, file), content);
          await run(['add', '--', file], dir);
        }
        await run(['commit', '-m', change.message], dir);
        await pushHead(dir, change.branch, change.replacing);
        return (await run(['rev-parse', 'HEAD'], dir)).trim();
      });
    },

    /** Deletes `branch` on the remote; a branch that is already gone is fine. */
    async deleteBranch(branch: string): Promise<void> {
      const present = (await run(['ls-remote', '--heads', remote, `refs/heads/${branch}`])).trim();
      if (present) await run(['push', '--porcelain', remote, '--delete', `refs/heads/${branch}`]);
    },

    /** Commits on the remote `branch` that are not on `base` and not by the bot: a person's work. */
    async commitsByOthers(branch: string, base: string): Promise<Commit[]> {
      await repository.fetch(branch, base);
      const out = await run(['log', '--format=%H%x1f%an%x1f%ae%x1f%s', `${remote}/${base}..${remote}/${branch}`]);
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [sha = '', name = '', email = '', subject = ''] = line.split('\x1f');
          return { sha, author: { name, email }, subject };
        })
        .filter((c) => c.author.email.toLowerCase() !== options.author.email.toLowerCase());
    },

    /**
     * Removes `files` (those of them still there, each by name: never a directory with whatever a
     * setting points it at) from `branch` in a commit pushed straight to it, or with `to` to that
     * branch instead (a cleanup merge request's). When someone pushed in between, fetches, rebases
     * and tries again, up to `attempts` times. Returns false when every file was already gone.
     * Throws PushRefused when the remote will not take the push at all.
     */
    async removeFiles(branch: string, files: string[], message: string, { attempts = 3, to = branch } = {}): Promise<boolean> {
      await repository.fetch(branch);
      return inWorktree(`${remote}/${branch}`, async (dir) => {
        const present: string[] = [];
        for (const file of files) if (await exists(dir, file)) present.push(file);
        if (present.length === 0) return false;
        await run(['rm', '-q', '--', ...present], dir);
        await run(['commit', '-m', message], dir);
        for (let attempt = 1; ; attempt++) {
          try {
            await pushHead(dir, to);
            return true;
          } catch (error) {
            if (!RACED.test((error as Error).message) || attempt >= attempts) throw error;
            await repository.fetch(branch);
            // A removal that someone else already made becomes empty and is dropped by the rebase.
            await run(['rebase', `${remote}/${branch}`], dir);
            if ((await run(['rev-parse', 'HEAD'], dir)) === (await run(['rev-parse', `${remote}/${branch}`], dir))) return false;
          }
        }
      });
    },
  };
  return repository;
}

export type Repository = ReturnType<typeof openRepository>;
