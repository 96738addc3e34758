import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_BUILD } from './build-cli.js';
import { startProcess, type ProcessResult } from './run-process.js';


export type CliResult = ProcessResult;

/** Starts the CLI as a real process, as a user's shell would: the build of src/ that global setup makes (TEST_BUILD). */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): {
  child: ChildProcess;
  done: Promise<CliResult>;
} {
  return startProcess(process.execPath, [path.join(TEST_BUILD, 'cli.js'), ...args], {
    cwd: options.cwd ?? path.dirname(TEST_BUILD),
    env: { ...process.env, DATABASE_URL: '', SHADOW_DATABASE_URL: '', ...options.env },
  });
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
