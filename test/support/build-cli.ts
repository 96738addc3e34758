import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the CLI tests' build goes: beside lib/ (so a module finds package.json two folders up and
 * node_modules as lib/'s do), but not lib/ itself, which `npm pack` in the package test rebuilds
 * while other tests run the CLI.
 */
export const TEST_BUILD = path.join(root, '.test-lib');

/**
 * Compiles src/ as `npm run build` does into TEST_BUILD, so that every CLI test starts the build
 * of the sources under test: tsx compiling each process's modules again cost about half a second
 * of CPU per CLI process, and the suite starts hundreds. tsc emits on type errors too; those are
 * printed, and `npm run typecheck` is where they fail.
 */
export function buildCli(): void {
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript')), '../bin/tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json'), '--outDir', TEST_BUILD], { cwd: root, encoding: 'utf8' });
  if (built.error) throw new Error(`cannot build the CLI for the tests: ${built.error.message}`);
  if (built.status !== 0) process.stderr.write(`tsc reported problems while building the CLI for the tests:\n${built.stdout}${built.stderr}`);
}
