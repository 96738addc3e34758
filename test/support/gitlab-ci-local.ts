import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const BIN = path.join(path.dirname(require.resolve('gitlab-ci-local/package.json')), 'dist/index.js');

export interface PipelineRequest {
  /** The project checkout: .gitlab-ci.yml, the git remote and the files the jobs see. */
  cwd: string;
  /** CI/CD variables as GitLab would set them for this pipeline (predefined and project variables). */
  variables: Record<string, string>;
  /** Predefined variables gitlab-ci-local sets that this pipeline would not have (CI_COMMIT_BRANCH in a merge request pipeline). */
  unset?: string[];
  /** Inputs given on the command line (`name=value`), over those the project's include sets. */
  inputs?: string[];
  /** Extra arguments: job names, --list-json, … */
  args?: string[];
  /** Check the configuration against GitLab's JSON schema first (about a second each time). */
  validate?: boolean;
}

export interface PipelineResult {
  code: number | null;
  output: string;
}

/**
 * Runs gitlab-ci-local in `cwd` with the shell executor: jobs run as processes on this machine, so
 * `image:` is ignored and `services:` must be emptied by the project (no container engine here).
 * Its environment is PATH and a HOME of its own only: nothing of the test process's environment
 * (a DATABASE_URL, a token) leaks into the jobs; all they get is `variables`.
 */
export function runPipeline(request: PipelineRequest): Promise<PipelineResult> {
  const args = [
    BIN,
    '--force-shell-executor',
    '--no-color',
    ...(request.validate ? [] : ['--no-json-schema-validation']),
    // The test sets predefined variables on purpose, as GitLab would set them for the pipeline.
    '--ignore-predefined-vars', Object.keys(request.variables).join(','),
    ...Object.entries(request.variables).flatMap(([name, value]) => ['--variable', `${name}=${value}`]),
    ...(request.unset ?? []).flatMap((name) => ['--unset-variable', name]),
    ...(request.inputs ?? []).flatMap((input) => ['--input', input]),
    ...(request.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: request.cwd,
    env: { PATH: process.env.PATH, HOME: path.join(request.cwd, '.gitlab-ci-local', 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface ListedJob {
  name: string;
  stage: string;
  when: string;
}

/** The jobs a pipeline with these variables would have, as gitlab-ci-local evaluates their rules. */
export async function listJobs(request: Omit<PipelineRequest, 'args'>): Promise<ListedJob[]> {
  const { code, output } = await runPipeline({ ...request, args: ['--list-json'] });
  if (code !== 0) throw new Error(`gitlab-ci-local --list-json failed (${code}):\n${output}`);
  // Warnings about variables it does not set come first; the JSON array starts on a line of its own.
  const start = output.search(/^\[$/m);
  const jobs = JSON.parse(start === -1 ? output : output.slice(start)) as ListedJob[];
  return jobs.filter((j) => j.when !== 'never');
}
