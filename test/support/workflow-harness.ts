import { resolveTargets } from '../../src/fleet/resolve-targets.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfigAt } from '../../src/config/config-at-revision.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/options.js';
import type { Forge } from '../../src/forge/forge.js';
import { openRepository } from '../../src/git/repository.js';
import { loadTemplates } from '../../src/templates/render.js';
import type { RunContext, RunOutcome } from '../../src/workflow/context.js';
import { runWorkflow } from '../../src/workflow/run.js';
import { bareRemote, git } from './git-remote.js';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.js';
import { createDatabase, serverUrl, withConnection } from './postgres.js';
import { runScript } from './run-script.js';
import { tempDir } from './temp-dir.js';

export interface WorkflowHarness {
  root: string;
  /** The remote's bare repository, which the fake host merges in. */
  bare: string;
  /** A person's clone, to change schema/*.sql and push. */
  person: string;
  /** The bot's checkout, as CI checks out the pushed commit. */
  botDir: string;
  databaseUrl: string;
  git: GitHttpServer;
  logs: string[];
  /** Commits `files` (path → content, null deletes) on `branch` of the person's clone and pushes them. */
  push(files: Record<string, string | null>, message: string, branch?: string): void;
  /** Checks out a branch's latest commit in the bot's checkout, as CI does for a push. */
  checkout(branch?: string): void;
  /** What the bot works with on `forge`, over the bot's checkout as it is; `config` stands for flags, over its .schema-bot.yml. */
  context(forge: Forge, config?: Partial<Config>, env?: NodeJS.ProcessEnv): Promise<RunContext>;
  /** One `schema-bot run` as a pipeline on the default branch's latest commit runs it. */
  run(forge: Forge, config?: Partial<Config>): Promise<RunOutcome>;
  /** The file on a branch of the remote, or undefined. */
  remoteFile(branch: string, file: string): string | undefined;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A repository with schema/app.sql served over authenticated HTTP (`accepts` checks the
 * credentials the forge hands git), a production database at `production`, and the bot's run
 * wired to the given forge, with shadows on the test server. `databasePrefix` names the production
 * database, so that tests running at once on one server can tell theirs apart.
 */
export async function workflowHarness(
  production: string,
  schema: string,
  accepts: (username: string, password: string) => boolean,
  databasePrefix = 'workflow',
): Promise<WorkflowHarness> {
  const dir = await tempDir();
  const { bare, clone: person } = bareRemote(dir.path, 'app', { 'schema/app.sql': schema, 'README.md': 'app\n' });
  const server = await startGitHttpServer(dir.path, accepts);
  const botDir = path.join(dir.path, 'bot');
  git(dir.path, 'clone', '-q', bare, botDir);
  git(botDir, 'remote', 'set-url', 'origin', server.urlOf('app.git'));
  const db = await createDatabase(databasePrefix);
  await withConnection(db.url, (c) => runScript(c, production));
  const templates = await loadTemplates();
  const logs: string[] = [];
  let clock = Date.parse('2026-11-24T05:00:00Z');
  const checkout = (branch = 'main') => {
    git(botDir, 'fetch', '-q', bare, branch);
    git(botDir, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  };
  async function context(forge: Forge, config: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<RunContext> {
    const full: Config = { ...(await loadConfig({ cwd: botDir, env: {} })), ...config };
    const repo = openRepository({ dir: botDir, author: full.commitAuthor, credentials: () => forge.gitCredentials() });
    clock += 60_000;
    return {
      config: full,
      // The settings a test passes stand for flags: they win over the file at any revision.
      configAt: async (rev) => ({ ...(await loadConfigAt(repo, rev, { cwd: botDir, env: {} })), ...config }),
      forge,
      repo,
      templates,
      databaseUrl: config.targets?.length ? undefined : db.url,
      resolveTargets: (specs) => resolveTargets(specs, env),
      jobs: 4,
      shadowUrl: serverUrl(),
      defaultBranch: await repo.remoteDefaultBranch(),
      appliedBy: 'test',
      now: new Date(clock),
      log: (m) => void logs.push(m),
      lockRetries: 0,
      backoffMs: 10,
    };
  }

  return {
    root: dir.path,
    bare,
    person,
    botDir,
    databaseUrl: db.url,
    git: server,
    logs,
    push(files, message, branch = 'main') {
      git(person, 'fetch', '-q', 'origin');
      git(person, 'checkout', '-q', '-B', branch, `origin/${branch}`);
      for (const [file, content] of Object.entries(files)) {
        if (content === null) git(person, 'rm', '-q', file);
        else {
          writeFileSync(path.join(person, file), content);
          git(person, 'add', file);
        }
      }
      git(person, 'commit', '-q', '-m', message);
      git(person, 'push', '-q', 'origin', branch);
    },
    checkout,
    context,
    async run(forge, config = {}) {
      checkout();
      return runWorkflow(await context(forge, config));
    },
    remoteFile(branch, file) {
      try {
        return git(bare, 'show', `${branch}:${file}`);
      } catch {
        return undefined;
      }
    },
    query: <T>(sql: string) => withConnection(db.url, async (c) => (await c.query<T>(sql)).rows),
    async close() {
      await server.close();
      await db.drop();
      await dir.remove();
    },
  };
}
