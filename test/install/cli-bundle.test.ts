import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase } from '../support/postgres.js';
import { installAction, type InstalledAction } from '../support/run-action.js';
import { runProcess } from '../support/run-process.js';
import { tempDir } from '../support/temp-dir.js';
import { REPO_ROOT } from '../gitlab-template/template-project.js';

/**
 * The committed single-file CLI (dist/action/schema-bot.mjs), as the GitLab template fetches it
 * from a tag of this repository: copied where no node_modules can be found and run by plain node,
 * with the embedded PGlite shadow, whose WebAssembly and extension files it must find beside it.
 * (test/action/bundle.test.ts fails when the committed bundles are not what the sources build.)
 */
let copy: InstalledAction;
beforeAll(async () => {
  copy = await installAction();
});
afterAll(() => copy?.remove());

it('runs from a copy of dist/action/ with nothing installed, PGlite and an extension included', async () => {
  const cli = path.join(copy.dir, 'dist', 'action', 'schema-bot.mjs');
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const env = { PATH: process.env.PATH };
  expect(await runProcess(process.execPath, [cli, '--version'], { cwd: copy.dir, env })).toMatchObject({ code: 0, stdout: `${version}\n` });

  const db = await createDatabase('clibundle');
  const ws = await tempDir({ 'schema/app.sql': 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE people (id int PRIMARY KEY, email citext);\n' });
  try {
    const diff = await runProcess(process.execPath, [cli, 'diff', '--detailed-exitcode', '--database-url', db.url], { cwd: ws.path, env });
    expect(diff.stderr).toContain('loaded schema into shadow (embedded PGlite)');
    expect(diff.stdout).toContain('CREATE EXTENSION citext');
    expect(diff.stdout).toContain('email public.citext');
    expect(diff.code).toBe(2);
  } finally {
    await ws.remove();
    await db.drop();
  }
}, 180_000); // PGlite's initdb and WebAssembly compilation in a fresh process
