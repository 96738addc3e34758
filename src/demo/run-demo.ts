import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { previewWithSettings } from '../app/preview-with-settings.js';
import { runBot } from '../app/run-bot.js';
import { FLAG_SPELLING } from '../app/settings.js';
import { connect } from '../db/connect.js';
import { registerCleanup } from '../db/exit-cleanup.js';
import { quoteIdent } from '../sql/quote.js';
import { APPROVER, PRODUCTION_V1, SCHEMA_V1, SCHEMA_V2, SETTINGS } from './example-app.js';
import { DemoRepository } from './demo-repository.js';
import { startProductionServer } from './production-server.js';

export interface DemoIO {
  stdout: (text: string) => void;
  /** Keep the temporary directory for a look around afterwards. */
  keep: boolean;
}

/** What the demo found in production and on the remote at the end; all true when it worked. */
export interface DemoResult {
  columnDropped: boolean;
  tableCreated: boolean;
  pendingRemoved: boolean;
}

const STEPS = 9;
/** The developer's branch, whose merge request the preview comments on. */
const FEATURE = 'identity-provider-and-comments';

/**
 * The bot's whole job on one machine with nothing but Node: an embedded PostgreSQL as production,
 * a git repository with a bare remote, the local host (merge requests as markdown files). Every
 * `schema-bot run` below is the real run, with the flags CI would give it.
 */
export async function runDemo(io: DemoIO): Promise<{ code: number; result: DemoResult }> {
  const out = io.stdout;
  const started = Date.now();
  const root = await mkdtemp(path.join(tmpdir(), 'schema-bot-demo-'));
  const production = await startProductionServer(PRODUCTION_V1, io.keep ? path.join(root, 'production') : undefined).catch(async (error: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw error;
  });
  // Also on Ctrl-C, and whether or not production stops cleanly.
  const cleanUp = async () => {
    await Promise.allSettled([production.stop(), io.keep ? undefined : rm(root, { recursive: true, force: true })]);
  };
  const unregister = registerCleanup(cleanUp);
  let step = 0;
  const heading = (text: string) => out(`\n[${++step}/${STEPS}] ${text}\n`);
  const indent = (text: string, mark = '│') => text.replace(/\n+$/, '').split('\n').map((l) => `  ${mark} ${l}`.trimEnd()).join('\n') + '\n';

  try {
    out('schema-bot demo: the bot\'s whole job on this machine — an embedded PostgreSQL (PGlite) as\n' +
      'production, a git repository with a bare remote, and merge requests as markdown files.\n');

    heading(`Production: PGlite on ${production.url}, at version 1 of a task tracker`);
    out(indent(await describeTables(production.url)));

    heading('A developer pushes version 2 of schema/ to a branch and opens a merge request: drops users.password_md5, adds task_comments');
    const repo = await DemoRepository.create(root);
    await repo.push({ ...SCHEMA_V1, '.schema-bot.yml': SETTINGS, '.gitignore': '.schema-bot/\n' }, 'Task tracker, version 1');
    await repo.push(SCHEMA_V2, 'Log in through the identity provider; comments on tasks', FEATURE);
    await repo.openMergeRequest(FEATURE, 'Log in through the identity provider; comments on tasks');
    const history = (await repo.git(repo.developer, 'log', '--format=%h %s', FEATURE)).trim();
    const change = await repo.git(repo.developer, 'show', '--format=', '--stat', '--patch', FEATURE);
    out(indent(`remote: ${repo.remote}\n${history}\n\n.schema-bot.yml:\n${SETTINGS}\nThe change:\n${change}`));

    // A clean environment: the user's DATABASE_URL, SHADOW_DATABASE_URL, tokens and SCHEMA_BOT_*
    // settings must not reach the demo's bot (the shadow is PGlite, the host local).
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, SCHEMA_BOT_ACTOR: 'ci' };
    const values = { repo: repo.checkout, host: 'local', 'database-url': production.url };
    const ci = async (expected: number, job: (io: { stdout: (t: string) => void; log: (m: string) => void }) => Promise<{ text: string; exitCode: number }>) => {
      let stdout = '';
      const log: string[] = [];
      const done = await job({ stdout: (t) => void (stdout += t), log: (m) => void log.push(`${m}\n`) });
      stdout += done.text;
      const code = done.exitCode;
      // The local host names merge request files relative to the working directory; relative to
      // the checkout the bot runs in they read as they would in CI.
      const shown = (text: string) => text.split(`${path.relative(process.cwd(), repo.checkout)}${path.sep}`).join('');
      if (log.length) out(indent(shown(log.join('')), '·'));
      out(indent(shown(stdout)));
      out(`  → exit ${code}\n`);
      if (code !== expected) throw new Error(`schema-bot exited ${code}, the demo expected ${expected}`);
      return stdout;
    };
    const bot = async (expected: number) => {
      await repo.checkoutLatest();
      return ci(expected, async (io) => {
        const run = await runBot({ values, env, spelling: FLAG_SPELLING }, io);
        return { text: run.outcome.summary, exitCode: run.exitCode };
      });
    };

    heading('schema-bot preview — CI on the merge request: the plan its merge would bring, and lint');
    out(`  $ schema-bot preview --host local --database-url ${production.url}\n`);
    await repo.checkoutLatest(FEATURE);
    await ci(0, async (io) => {
      const preview = await previewWithSettings({ values: { ...values, branch: FEATURE }, env, spelling: FLAG_SPELLING }, io);
      return { text: `${preview.outcome.message}\n`, exitCode: preview.exitCode };
    });

    heading(`A reviewer merges ${FEATURE} into main`);
    await repo.merge(FEATURE);
    out(indent((await repo.git(repo.developer, 'log', '-1', '--format=%h %s', 'main')).trim()));

    heading('schema-bot run — CI on the push to main: plans the change, opens a merge request');
    out(`  $ schema-bot run --host local --database-url ${production.url}\n`);
    const planned = await bot(0);
    const branch = /# Schema change (change-schema-\d{8}T\d{6}Z)/.exec(planned)?.[1];
    if (!branch) throw new Error('schema-bot run opened no merge request');
    const pending = (await repo.remoteFile(branch, 'pending.sql')) ?? '';
    out(`\n  The plan, pending.sql on branch ${branch}:\n`);
    out(indent(pending));

    heading(`A reviewer merges ${branch} into main`);
    await repo.merge(branch);
    out(indent((await repo.git(repo.developer, 'log', '-1', '--format=%h %s', 'main')).trim()));

    heading('schema-bot run — CI on the merge: the plan deletes data and has no approval, so it is refused');
    await bot(5);
    out(`  production still has users.password_md5: ${(await columnExists(production.url, 'users', 'password_md5')) ? 'yes' : 'no'}\n`);

    heading(`${APPROVER} approves: adds their name and the branch's head commit under approved_by in ${path.relative(root, repo.mergeRequestFile(branch))}`);
    await repo.approve(branch, APPROVER);

    heading('schema-bot run — CI again: applies the plan, removes pending.sql from main, comments');
    await bot(0);

    const result: DemoResult = {
      columnDropped: !(await columnExists(production.url, 'users', 'password_md5')),
      tableCreated: await tableExists(production.url, 'task_comments'),
      pendingRemoved: (await repo.remoteFile('main', 'pending.sql')) === undefined,
    };
    out('\nResult:\n');
    out(`  production: users.password_md5 ${result.columnDropped ? 'dropped' : 'STILL THERE'}, task_comments ${result.tableCreated ? 'created' : 'MISSING'}\n`);
    out(`  main: pending.sql ${result.pendingRemoved ? 'removed' : 'STILL THERE'}; last commit: ${(await repo.git(repo.remote, 'log', '-1', '--format=%an: %s', 'main')).trim()}\n`);
    const ok = result.columnDropped && result.tableCreated && result.pendingRemoved;
    out(`\n${ok ? 'Done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s. ${io.keep ? `Kept ${root}: the remote, the checkouts with the merge request files, and production as a PGlite data directory (production/).` : 'Temporary files removed.'}\n`);
    return { code: ok ? 0 : 1, result };
  } finally {
    unregister();
    await cleanUp();
  }
}

/** Production's tables with their columns and rows, read over the wire as the bot reads it. */
async function describeTables(url: string): Promise<string> {
  const c = await connect(url);
  try {
    const { rows } = await c.query<{ table_name: string; columns: string }>(
      `SELECT table_name, string_agg(column_name, ', ' ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
    );
    const lines: string[] = [];
    for (const r of rows) {
      const count = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(r.table_name)}`);
      const n = count.rows[0]!.n;
      lines.push(`${r.table_name} (${r.columns}) — ${n} ${n === 1 ? 'row' : 'rows'}`);
    }
    return lines.join('\n');
  } finally {
    await c.close();
  }
}

async function columnExists(url: string, table: string, column: string): Promise<boolean> {
  return exists(url, `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`, [table, column]);
}

async function tableExists(url: string, table: string): Promise<boolean> {
  return exists(url, `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`, [table]);
}

async function exists(url: string, sql: string, params: unknown[]): Promise<boolean> {
  const c = await connect(url);
  try {
    return (await c.query(sql, params)).rows.length > 0;
  } finally {
    await c.close();
  }
}
