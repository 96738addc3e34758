import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, serverUrl } from '../support/postgres.js';
import { actionFromSource, runAction, workflowCommands, type ActionRun } from '../support/run-action.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The action's source run as the runner runs the bundle: what it prints about connection strings
 * and text it did not write (SQL, server messages, names from schema files).
 */
const PASSWORD = 'S3cret-kv-0815';
const action = actionFromSource();
let database: Awaited<ReturnType<typeof createDatabase>>;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await createDatabase('untrusted');
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await database?.drop();
});

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir.path, file)), { recursive: true });
    await writeFile(path.join(dir.path, file), content);
  }
  return dir.path;
}

function plan(ws: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(action, {
    workspace: ws,
    inputs: { command: 'plan', 'shadow-url': serverUrl(), ...inputs },
    env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: 'acme/app' },
  });
}

/** Everything the runner shows or keeps: stdout without the lines that mask, stderr, the summary. */
const shown = (run: ActionRun) => `${run.stdout.replace(/^::add-mask::.*$/gm, '')}${run.stderr}${run.summary}`;

it('masks the password of a keyword/value connection string and refuses the string by the input’s name', async () => {
  const ws = await workspace({ 'schema/app.sql': 'CREATE TABLE a (id int);\n' });
  for (const [connection, masked] of [
    [`host=127.0.0.1 port=1 user=app password=${PASSWORD} dbname=app`, PASSWORD],
    [`host=127.0.0.1 password='a b\\'${PASSWORD}' dbname=app`, `a b'${PASSWORD}`],
  ]) {
    const run = await plan(ws, { 'database-url': connection! });
    expect(run.code).toBe(1);
    expect(run.commands.filter((c) => c.name === 'add-mask').map((c) => c.message)).toContain(masked);
    expect(run.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([expect.stringMatching(/^input database-url must be a postgres:\/\/ URL/)]);
    expect(shown(run)).not.toContain(PASSWORD);
  }
});

it('refuses a "#" in the URL by the input’s name, with %23 as the way to write it', async () => {
  const ws = await workspace({ 'schema/app.sql': 'CREATE TABLE a (id int);\n' });
  const run = await plan(ws, { 'database-url': `postgres://app:${PASSWORD}#tail@127.0.0.1:1/app` });
  expect(run.code).toBe(1);
  expect(run.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([expect.stringMatching(/^input database-url holds a "#".*%23/)]);
  expect(shown(run)).not.toContain(PASSWORD);
});

it('lets no line of text it did not write act as a workflow command, however it is indented', async () => {
  // A quoted name may hold line breaks: the plan, logged with the summary, then has a line of its own.
  const ws = await workspace({ 'schema/app.sql': 'CREATE TABLE "a\n::error title=x::y\n  ::warning::z" (id int);\n' });
  const run = await plan(ws, { 'database-url': database.url });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^\s*::error title=x::y$/m);
  // As the runner reads it: leading whitespace stripped, nothing between stop-commands and its token.
  expect(workflowCommands(run.stdout).filter((c) => c.name !== 'add-mask')).toEqual([]);
});
