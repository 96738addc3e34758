import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, serverUrl } from '../support/postgres.js';
import { installAction, runAction, type ActionRun, type InstalledAction } from '../support/run-action.js';
import { tempDir } from '../support/temp-dir.js';

const PASSWORD = 'pw-Errors-0815';
let action: InstalledAction;
let database: Awaited<ReturnType<typeof createDatabase>>;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  action = await installAction();
  database = await createDatabase('shipaction');
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await database?.drop();
  await action?.remove();
});

/** A workspace whose repository sits in `db/` (the working-directory input), holding `files`. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir.path, 'db', file)), { recursive: true });
    await writeFile(path.join(dir.path, 'db', file), content);
  }
  return dir.path;
}

function plan(ws: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const url = new URL(database.url);
  url.password = PASSWORD;
  return runAction(action, {
    workspace: ws,
    inputs: { command: 'plan', 'database-url': url.toString(), 'shadow-url': serverUrl(), 'working-directory': 'db', ...inputs },
    env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: 'acme/app' },
  });
}

const errors = (run: ActionRun) => run.commands.filter((c) => c.name === 'error');

it('annotates a schema file’s error at its file and line, relative to the workspace', async () => {
  const ws = await workspace({ 'schema/app.sql': 'CREATE TABLE a (id int);\n\nCREATE INDEX a_nope ON a (nope);\n' });
  const run = await plan(ws);
  expect(run.code).toBe(1);
  expect(errors(run)).toEqual([
    { name: 'error', properties: { title: 'schema-bot plan', file: 'db/schema/app.sql', line: '3', col: '1' }, message: 'column "nope" does not exist' },
  ]);
  expect(run.outputs).toMatchObject({ result: 'failed', 'has-changes': 'false' });
  expect(run.summary).toMatch(/^### schema-bot plan failed\n/);
  expect(run.summary).toContain('schema/app.sql:3:1: column "nope" does not exist');
  expect(`${run.stdout.replace(/^::add-mask::.*$/gm, '')}${run.stderr}${run.summary}`).not.toContain(PASSWORD);
});

it('annotates every problem of the settings file at its line, and an unknown command without a file', async () => {
  const ws = await workspace({ '.schema-bot.yml': 'schema: schema/\nrequired_approvals: many\nreviewer: [dba]\n', 'schema/app.sql': 'CREATE TABLE a (id int);\n' });
  const run = await plan(ws);
  expect(run.code).toBe(1);
  expect(errors(run).map((e) => [e.properties.file, e.properties.line, e.message])).toEqual([
    ['db/.schema-bot.yml', '3', 'unknown key "reviewer"'],
    ['db/.schema-bot.yml', '2', 'required_approvals: must be integer'],
  ]);

  const unknown = await plan(ws, { command: 'deploy' });
  expect(unknown.code).toBe(1);
  expect(errors(unknown)).toEqual([{ name: 'error', properties: { title: 'schema-bot' }, message: 'input command must be one of run, check, preview, plan, apply, targets, not "deploy"' }]);
});

it('masks the database password before anything else is printed and keeps it out of an unreachable server’s error', async () => {
  const ws = await workspace({ 'schema/app.sql': 'CREATE TABLE a (id int);\n' });
  const run = await plan(ws, { 'database-url': `postgres://app:${PASSWORD}@127.0.0.1:1/app` });
  expect(run.code).toBe(1);
  expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${PASSWORD}`);
  expect(errors(run)).toHaveLength(1);
  expect(errors(run)[0]!.properties.file).toBeUndefined();
  expect(`${run.stdout.replace(/^::add-mask::.*$/gm, '')}${run.stderr}${run.summary}`).not.toContain(PASSWORD);
});
