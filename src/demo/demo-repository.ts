import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLocalForge } from '../forge/local.js';

const run = promisify(execFile);

/** The people of the demo, as git authors. */
const DEVELOPER = { name: 'Dana Developer', email: 'dana@example.com' };

/**
 * The demo's git side: a bare repository standing in for the host's remote, a developer's clone
 * that pushes schema changes and merges merge requests, and the bot's checkout, which CI would
 * make afresh for every pipeline. Git runs without the user's configuration, so the demo behaves
 * the same on every machine.
 */
export class DemoRepository {
  readonly remote: string;
  readonly developer: string;
  readonly checkout: string;

  private constructor(private readonly root: string) {
    this.remote = path.join(root, 'remote.git');
    this.developer = path.join(root, 'developer');
    this.checkout = path.join(root, 'ci-checkout');
  }

  static async create(root: string): Promise<DemoRepository> {
    const repo = new DemoRepository(root);
    await repo.git(root, 'init', '-q', '--bare', '-b', 'main', repo.remote);
    await repo.git(root, 'clone', '-q', repo.remote, repo.developer);
    await repo.git(repo.developer, 'checkout', '-q', '-b', 'main');
    await repo.git(root, 'clone', '-q', repo.remote, repo.checkout);
    return repo;
  }

  /** Git without system or user configuration, as the demo's developer. */
  async git(cwd: string, ...args: string[]): Promise<string> {
    const { stdout } = await run('git', args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: this.root,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: DEVELOPER.name,
        GIT_AUTHOR_EMAIL: DEVELOPER.email,
        GIT_COMMITTER_NAME: DEVELOPER.name,
        GIT_COMMITTER_EMAIL: DEVELOPER.email,
      },
    });
    return stdout;
  }

  /** The developer writes `files` (path → content), commits them on `branch` (main unless named) and pushes. */
  async push(files: Record<string, string>, message: string, branch = 'main'): Promise<void> {
    if (branch !== 'main') await this.git(this.developer, 'checkout', '-q', '-B', branch, 'main');
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(this.developer, file)), { recursive: true });
      await writeFile(path.join(this.developer, file), content);
    }
    await this.git(this.developer, 'add', '--all');
    await this.git(this.developer, 'commit', '-q', '-m', message);
    await this.git(this.developer, 'push', '-q', 'origin', branch);
    if (branch !== 'main') await this.git(this.developer, 'checkout', '-q', 'main');
  }

  /** The developer merges a merge request's branch into main, as the host's merge button would. */
  async merge(branch: string): Promise<void> {
    await this.git(this.developer, 'pull', '-q', '--ff-only', 'origin', 'main');
    await this.git(this.developer, 'fetch', '-q', 'origin', branch);
    await this.git(this.developer, 'merge', '-q', '--no-ff', '-m', `Merge branch '${branch}'`, 'FETCH_HEAD');
    await this.git(this.developer, 'push', '-q', 'origin', 'main');
  }

  /** CI checks out the latest commit of a branch (main before each `schema-bot run`). */
  async checkoutLatest(branch = 'main'): Promise<void> {
    await this.git(this.checkout, 'fetch', '-q', 'origin', branch);
    await this.git(this.checkout, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  }

  /** A file on a branch of the remote, or undefined when the branch lacks it. */
  async remoteFile(branch: string, file: string): Promise<string | undefined> {
    return this.git(this.remote, 'show', `${branch}:${file}`).catch(() => undefined);
  }

  /** The local host's merge request files live in the checkout the bot runs in. */
  mergeRequestFile(branch: string): string {
    return path.join(this.checkout, '.schema-bot', 'merge-requests', `${branch}.md`);
  }

  /** The developer opens a merge request from `branch`: a local host's file, written as they would. */
  async openMergeRequest(branch: string, title: string): Promise<void> {
    const forge = createLocalForge({ dir: path.dirname(this.mergeRequestFile(branch)), defaultBranch: 'main', print: () => {}, botName: 'developer' });
    await forge.openMergeRequest({ branch, baseBranch: 'main', title, body: 'Please review.' });
  }

  /** A person approves a local merge request's head by adding `name@<commit>` under `approved_by`. */
  async approve(branch: string, who: string): Promise<void> {
    const file = this.mergeRequestFile(branch);
    const text = await readFile(file, 'utf8');
    const head = (await this.git(this.remote, 'rev-parse', branch)).trim();
    const approved = text.replace(/^approved_by: \[\]$/m, `approved_by:\n  - ${who}@${head}`);
    if (approved === text) throw new Error(`${file}: no empty approved_by list to add ${who} to`);
    await writeFile(file, approved);
  }
}
