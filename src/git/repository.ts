import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { redactText } from '../db/redact.js';

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
  /** The working tree. */
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
 * The bot's git: simple-git over a working tree. Credentials reach git through the environment
 * (GIT_CONFIG_* setting http.extraHeader), never through a URL or an argument, so no process
 * listing, remote URL or git message shows them; errors are scrubbed all the same.
 */
export function openRepository(options: RepositoryOptions) {
  const remote = options.remote ?? 'origin';
  const secrets: string[] = [];
  let git: SimpleGit | undefined;

  async function client(): Promise<SimpleGit> {
    if (git) return git;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    };
    const credentials = await options.credentials?.();
    if (credentials) {
      const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
      secrets.push(credentials.password, encodeURIComponent(credentials.password), basic);
      Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
    }
    // simple-git guards GIT_CONFIG_COUNT because a caller's input could smuggle settings in; here
    // the bot sets the one key itself.
    git = simpleGit({ baseDir: options.dir, allowEnvironment: Object.keys(env), unsafe: { allowUnsafeConfigEnvCount: true } }).env(env);
    return git;
  }

  async function run(args: string[]): Promise<string> {
    const g = await client();
    try {
      return await g.raw(args);
    } catch (error) {
      const message = redactText(`git ${args[0]} failed: ${(error as Error).message}`, secrets);
      const refused = args[0] === 'push' && REFUSED.test(message) && !RACED.test(message);
      throw refused ? new PushRefused(message) : new GitError(message);
    }
  }

  const exists = (file: string) => access(path.join(options.dir, file)).then(() => true, () => false);

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

    /** The commit `ref` names, or undefined when there is no such ref. */
    async resolve(ref: string): Promise<string | undefined> {
      return (await run(['rev-parse', '--verify', '-q', `${ref}^{commit}`]).catch(() => '')).trim() || undefined;
    },

    /** A file's content at a ref (`origin/change-schema-…`), or undefined when it is not there. */
    async show(ref: string, file: string): Promise<string | undefined> {
      return run(['show', `${ref}:${file}`]).catch(() => undefined);
    },

    /** Checks out `branch` as a fresh branch from the remote's `from`, dropping local changes. */
    async createBranch(branch: string, from: string): Promise<void> {
      await repository.fetch(from);
      await run(['checkout', '-B', branch, `${remote}/${from}`]);
    },

    /** Writes `file` and commits it; returns the new commit. */
    async commitFile(file: string, content: string, message: string): Promise<string> {
      await mkdir(path.dirname(path.join(options.dir, file)), { recursive: true });
      await writeFile(path.join(options.dir, file), content);
      await run(['add', '--', file]);
      await run(['commit', '-m', message, '--', file]);
      return (await run(['rev-parse', 'HEAD'])).trim();
    },

    /**
     * Pushes HEAD to `branch`. With `replacing`, the remote branch may be overwritten, but only
     * while it still points at that commit (a person's push in between makes this fail).
     */
    async push(branch: string, replacing?: string): Promise<void> {
      const lease = replacing ? [`--force-with-lease=refs/heads/${branch}:${replacing}`] : [];
      await run(['push', '--porcelain', ...lease, remote, `HEAD:refs/heads/${branch}`]);
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
     * Removes `file` from `branch` in a commit pushed straight to it. When someone pushed in
     * between, fetches, rebases and tries again, up to `attempts` times. Returns false when the
     * file was already gone. Throws PushRefused when the remote will not take the push at all.
     */
    async removeFile(branch: string, file: string, message: string, attempts = 3): Promise<boolean> {
      await repository.createBranch(branch, branch);
      if (!(await exists(file))) return false;
      await run(['rm', '-q', '--', file]);
      await run(['commit', '-m', message]);
      for (let attempt = 1; ; attempt++) {
        try {
          await repository.push(branch);
          return true;
        } catch (error) {
          if (!RACED.test((error as Error).message) || attempt >= attempts) throw error;
          await repository.fetch(branch);
          // A removal that someone else already made becomes empty and is dropped by the rebase.
          await run(['rebase', `${remote}/${branch}`]);
          if ((await repository.resolve('HEAD')) === (await repository.resolve(`${remote}/${branch}`))) return false;
        }
      }
    },
  };
  return repository;
}

export type Repository = ReturnType<typeof openRepository>;
