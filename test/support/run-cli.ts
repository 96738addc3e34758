import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProcess, type ProcessResult } from './run-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx by its location, so the CLI also starts in a working directory outside this repository. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type CliResult = ProcessResult;

/** Starts the CLI from source as a real process, as a user's shell would. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): {
  child: ChildProcess;
  done: Promise<CliResult>;
} {
  return startProcess(process.execPath, ['--import', tsx, path.join(root, 'src/cli.ts'), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, DATABASE_URL: '', SHADOW_DATABASE_URL: '', ...options.env },
  });
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
