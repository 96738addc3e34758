import { spawn } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from './temp-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A workflow command as the runner reads it from a line of the step's output. */
export interface WorkflowCommandLine {
  name: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** $GITHUB_OUTPUT, parsed as the runner parses it. */
  outputs: Record<string, string>;
  /** $GITHUB_STEP_SUMMARY as written. */
  summary: string;
  commands: WorkflowCommandLine[];
}

export interface InstalledAction {
  /** The copy of the action: action.yml and the committed dist/action/, with no node_modules anywhere above. */
  dir: string;
  /** What node is given to start the action: its main file, after any flags. */
  nodeArgs: string[];
  remove(): Promise<void>;
}

/**
 * The action as a runner has it: the repository's action.yml and committed bundle copied to a
 * directory of their own, so that nothing from this repository's node_modules can be found.
 */
export async function installAction(): Promise<InstalledAction> {
  const dir = await tempDir();
  await cp(path.join(root, 'action.yml'), path.join(dir.path, 'action.yml'));
  await cp(path.join(root, 'dist', 'action'), path.join(dir.path, 'dist', 'action'), { recursive: true });
  return { dir: dir.path, nodeArgs: [path.join(dir.path, 'dist', 'action', 'index.mjs')], remove: dir.remove };
}

/**
 * The action's source, which the bundle is built from, run through tsx as the runner runs the
 * bundle: for the action's behaviour before dist/action/ is rebuilt.
 */
export function actionFromSource(): InstalledAction {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { dir: root, nodeArgs: ['--import', tsx, path.join(root, 'src', 'action', 'main.ts')], remove: async () => undefined };
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/**
 * The `::name k=v,…::message` lines of a step's output, read as the runner reads them: leading
 * whitespace is stripped first, and after `::stop-commands::<token>` no line is a command until
 * `::<token>::` (neither of which is listed).
 */
export function workflowCommands(stdout: string): WorkflowCommandLine[] {
  const commands: WorkflowCommandLine[] = [];
  let stoppedUntil: string | undefined;
  for (const line of stdout.split('\n').map((l) => l.trimStart())) {
    if (stoppedUntil !== undefined) {
      if (line === stoppedUntil) stoppedUntil = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) {
      stoppedUntil = `::${stop[1]}::`;
      continue;
    }
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties = Object.fromEntries(
      (match[2] ?? '').split(',').filter(Boolean).map((p) => {
        const at = p.indexOf('=');
        return [p.slice(0, at), unescapeProperty(p.slice(at + 1))];
      }),
    );
    commands.push({ name: match[1]!, properties, message: unescapeData(match[3]!) });
  }
  return commands;
}

/** $GITHUB_OUTPUT's two forms: `name=value` and `name<<DELIMITER` … `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`output ${heredoc[1]} has no closing delimiter`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const at = line.indexOf('=');
      if (at < 0) throw new Error(`invalid output line: ${line}`);
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

export interface ActionStep {
  /** with: of the step; the runner turns each into INPUT_<NAME>. */
  inputs: Record<string, string>;
  /** The GITHUB_* variables and anything else the job sets. */
  env: Record<string, string>;
  /** The event payload, written to $GITHUB_EVENT_PATH. */
  event?: unknown;
  workspace: string;
}

/**
 * Runs the installed action's main file as the runner runs a `node24` action: `node <main>` in
 * the workspace, with the inputs as INPUT_* variables and fresh output, summary and event files.
 * The environment holds only what a runner would set, so nothing of the test's leaks in.
 */
export async function runAction(action: InstalledAction, step: ActionStep): Promise<ActionRun> {
  const files = await tempDir({ output: '', summary: '', 'event.json': JSON.stringify(step.event ?? {}) });
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: files.path,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: step.workspace,
      GITHUB_OUTPUT: path.join(files.path, 'output'),
      GITHUB_STEP_SUMMARY: path.join(files.path, 'summary'),
      GITHUB_EVENT_PATH: path.join(files.path, 'event.json'),
      RUNNER_TEMP: files.path,
      ...step.env,
    };
    for (const [name, value] of Object.entries(step.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const child = spawn(process.execPath, action.nodeArgs, { cwd: step.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(path.join(files.path, 'output'), 'utf8')),
      summary: await readFile(path.join(files.path, 'summary'), 'utf8'),
      commands: workflowCommands(stdout),
    };
  } finally {
    await files.remove();
  }
}

