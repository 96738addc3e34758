import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/action/inputs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Step { uses?: string; id?: string; with?: Record<string, string>; if?: string; run?: string }
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { services?: Record<string, { image: string }>; steps: Step[] }>;
}

/** The README's `## GitHub setup` section, up to the next section. */
async function githubSetup(): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## GitHub setup\n');
  expect(start, 'README.md has a "## GitHub setup" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

async function actionMetadata(): Promise<{ inputs: Record<string, unknown>; outputs: Record<string, unknown> }> {
  return parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8'));
}

it('the README’s workflow uses only the inputs and outputs action.yml declares, with the permissions the bot needs', async () => {
  const section = await githubSetup();
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  expect(yaml, 'the section shows a workflow in a yaml block').toBeDefined();
  const workflow = parse(yaml!) as Workflow;
  const action = await actionMetadata();

  expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request', 'schedule', 'workflow_dispatch']));
  expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', statuses: 'write' });
  expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  const [job] = Object.values(workflow.jobs);
  expect(job?.services?.postgres?.image).toMatch(/^postgres:\d+$/);

  const steps = job!.steps.filter((s) => /(^\.\/?$)|\/schema-bot@/.test(s.uses ?? ''));
  expect(steps).toHaveLength(1);
  const step = steps[0]!;
  expect(Object.keys(step.with ?? {}).filter((input) => !(input in action.inputs))).toEqual([]);
  // Every command the expression can pick is one the action knows.
  const commands = [...(step.with?.command ?? '').matchAll(/(?:^|&&|\|\|)\s*'([^']*)'/g)].map((m) => m[1]);
  expect(commands.length).toBeGreaterThan(0);
  expect(commands.filter((c) => !(COMMANDS as readonly string[]).includes(c!))).toEqual([]);

  const outputs = [...yaml!.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]!);
  expect(outputs.length).toBeGreaterThan(0);
  expect(outputs.filter((o) => !(o in action.outputs))).toEqual([]);
  // The GitHub App's token, so that the bot's pull requests start the check workflow.
  expect(step.with?.token).toBe('${{ steps.app-token.outputs.token }}');
  expect(job!.steps.find((s) => s.id === 'app-token')?.uses).toMatch(/^actions\/create-github-app-token@/);
});

it('the README’s tables of inputs and outputs name exactly what action.yml declares', async () => {
  const section = await githubSetup();
  const action = await actionMetadata();
  const tableInputs = [...section.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]);
  expect(tableInputs.sort()).toEqual(Object.keys(action.inputs).sort());
  const outputsParagraph = /\*\*Outputs:\*\*([\s\S]*?)\n\n/.exec(section)?.[1] ?? '';
  for (const output of Object.keys(action.outputs)) expect(outputsParagraph).toContain(`\`${output}\``);
});
