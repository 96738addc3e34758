import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type ProcessResult } from './run-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliResult = ProcessResult;

/** Starts the CLI as a real process, as a user's shell would: lib/cli.js, which global setup builds from src/. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): {
  child: ChildProcess;
  done: Promise<CliResult>;
} {
  return startProcess(process.execPath, [path.join(root, 'lib/cli.js'), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, DATABASE_URL: '', SHADOW_DATABASE_URL: '', ...options.env },
  });
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
