import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { installAction, runAction, type ActionRun, type InstalledAction } from '../support/run-action.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

let action: InstalledAction;
let database: Awaited<ReturnType<typeof createDatabase>>;
let workspace: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  action = await installAction();
  database = await createDatabase('shipaction');
  await withConnection(database.url, (c) => runScript(c, 'CREATE TABLE users (id int PRIMARY KEY, legacy text);'));
  workspace = await tempDir({ 'schema/users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);\n' });
});

afterAll(async () => {
  await workspace?.remove();
  await database?.drop();
  await action?.remove();
});

const step = (command: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
  runAction(action, {
    workspace: workspace.path,
    inputs: { command, 'database-url': database.url, 'shadow-url': serverUrl(), ...inputs },
    env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_ACTOR: 'pat' },
  });

it('plans into the checkout, refuses to apply a plan that deletes data until allow-hazards says data-loss, then applies it', async () => {
  const planned = await step('plan');
  expect(planned.code).toBe(0);
  expect(planned.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'true', result: 'planned' });
  const text = await readFile(path.join(workspace.path, 'pending.sql'), 'utf8');
  expect(text).toContain(`-- id: ${planned.outputs['plan-id']}`);
  expect(planned.summary).toContain('**needs approval**');
  expect(planned.summary).toContain('ALTER TABLE public.users DROP COLUMN legacy;');

  const refused = await step('apply');
  expect(refused.code).toBe(5);
  expect(refused.outputs).toMatchObject({ result: 'failed' });
  expect(refused.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([expect.stringMatching(/data-loss/)]);
  expect(refused.summary).toMatch(/^### schema-bot apply failed/);

  const applied = await step('apply', { 'allow-hazards': 'data-loss' });
  expect(applied.code).toBe(0);
  expect(applied.outputs).toEqual({ 'plan-id': planned.outputs['plan-id'], 'has-changes': 'true', destructive: 'true', 'mr-url': '', result: 'applied', matrix: '' });
  expect(applied.summary).toContain(`${planned.outputs['plan-id']} applied`);
  const ledger = await withConnection(database.url, async (c) => (await c.query<{ plan_id: string; applied_by: string }>('SELECT plan_id, applied_by FROM schema_bot.ledger')).rows);
  expect(ledger).toEqual([{ plan_id: planned.outputs['plan-id'], applied_by: 'pat' }]);
}, 180_000);
