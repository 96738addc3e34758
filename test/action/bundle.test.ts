import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_DIST, BUILD_COMMAND, buildAction, ROOT } from '../../scripts/build-action.js';
import { OUTPUT_NAMES } from '../../src/action/action-result.js';
import { INPUT_NAMES } from '../../src/action/inputs.js';
import { createDatabase } from '../support/postgres.js';
import { installAction, runAction, type InstalledAction } from '../support/run-action.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function digests(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex')] as const)));
}

it('the committed bundles, the action\'s and the CLI\'s, are what the sources build', async () => {
  const out = await tempDir();
  cleanups.push(out.remove);
  await buildAction(out.path);
  const stale = `dist/action/ is stale: run \`${BUILD_COMMAND}\` and commit dist/action/`;
  expect(await digests(ACTION_DIST), stale).toEqual(await digests(out.path));
});

it('action.yml declares the inputs the action reads and the outputs it writes, and runs the bundle on node24', async () => {
  const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  expect(action.inputs.command?.default).toBe('run');
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.mjs' });
});

describe('from a directory without node_modules', () => {
  let action: InstalledAction;
  beforeAll(async () => {
    action = await installAction();
    cleanups.push(action.remove);
  });

  it('plans through the embedded PGlite shadow, an extension included', async () => {
    const db = await createDatabase('shipaction');
    cleanups.push(db.drop);
    const ws = await tempDir({ 'schema/app.sql': 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE people (id int PRIMARY KEY, email citext);\n' });
    cleanups.push(ws.remove);
    const run = await runAction(action, { workspace: ws.path, inputs: { command: 'plan', 'database-url': db.url }, env: { GITHUB_EVENT_NAME: 'workflow_dispatch' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('loaded schema into shadow (embedded PGlite)');
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'false', result: 'planned' });
    const written = await readFile(path.join(ws.path, 'pending.sql'), 'utf8');
    expect(written).toContain(`-- id: ${run.outputs['plan-id']}`);
    expect(written).toContain('CREATE EXTENSION citext');
    expect(run.summary).toContain('email public.citext');
  }, 180_000); // PGlite's initdb and WebAssembly compilation in a fresh process
});
