import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, serverUrl } from '../support/postgres.js';
import { runProcess } from '../support/run-process.js';
import { tempDir } from '../support/temp-dir.js';
import { REPO_ROOT } from '../gitlab-template/template-project.js';

/**
 * The package as `npm pack` makes it (the way a release would be published, and the way to install
 * it without one), installed into an application's empty directory with npm and started by npx:
 * no file of this checkout is reachable from there but the tarball.
 */
const run = promisify(execFile);
const { name, version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
let app: Awaited<ReturnType<typeof tempDir>>;
let tarballFiles: string[];

beforeAll(async () => {
  app = await tempDir({ 'package.json': JSON.stringify({ name: 'app', private: true }), 'schema/app.sql': 'CREATE TABLE people (id int PRIMARY KEY, name text);\n' });
  // `prepare` builds lib/ before the tarball is made.
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', app.path], { cwd: REPO_ROOT });
  const tarball = path.join(app.path, stdout.trim().split('\n').at(-1)!);
  expect(path.basename(tarball)).toBe(`${name}-${version}.tgz`);
  tarballFiles = (await run('tar', ['tzf', tarball])).stdout.trim().split('\n').sort();
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app.path });
}, 300_000);

afterAll(() => app?.remove());

const npx = (args: string[]) => runProcess('npx', ['--no-install', 'schema-bot', ...args], { cwd: app.path, env: { PATH: process.env.PATH, HOME: process.env.HOME } });

it('carries the built lib/ and the manifest, and nothing of the sources, tests or source maps', () => {
  expect(tarballFiles).toContain('package/lib/cli.js');
  expect(tarballFiles).toContain('package/package.json');
  expect(tarballFiles.filter((f) => !/^package\/(lib\/.*\.js|package\.json|README\.md)$/.test(f))).toEqual([]);
});

it('installs into an empty directory and runs there with npx', async () => {
  expect(await npx(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  const db = await createDatabase('npmpackage');
  try {
    const diff = await npx(['diff', '--detailed-exitcode', '--database-url', db.url, '--shadow-url', serverUrl()]);
    expect(diff.stdout).toContain('CREATE TABLE public.people');
    expect(diff.code).toBe(2);
  } finally {
    await db.drop();
  }
}, 120_000);
