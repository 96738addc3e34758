import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cleanups: string[] = [];
afterAll(async () => {
  for (const dir of cleanups) await rm(dir, { recursive: true, force: true });
});

/** The commands of the README's quick-start block, one per line, as a reader would copy them. */
async function quickStartCommands(): Promise<string[]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const block = /<!-- quick-start\b[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```sh block after a <!-- quick-start --> marker');
  return block[1]!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

describe("the README's quick start", () => {
  it('is exactly two commands: one that runs the demo, one that runs the tests', async () => {
    const commands = await quickStartCommands();
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/\bnpm run demo\b/);
    expect(commands[1]).toMatch(/^npm (run )?test\b/);
  });

  it('tests with the command CI runs', async () => {
    // Running the suite from inside the suite would recur; .ci/run is what CI runs, so the
    // README's test command must be the one it ends with.
    const [, testCommand] = await quickStartCommands();
    const ciLines = (await readFile(path.join(root, '.ci/run'), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ciLines.at(-1)).toBe(testCommand);
  });

  // The demo command is `npm ci && npm run demo`. `npm ci` in a fresh clone takes about a minute
  // on a busy CI machine on top of the demo, more than this suite may spend; the checkout under
  // test was installed by `npm ci` already (.ci/run starts with it), so the part after it runs
  // here, in this checkout, exactly as written.
  it('runs the demo as written, and it leaves no temporary files behind', { timeout: 180_000 }, async () => {
    const [demoCommand] = await quickStartCommands();
    const [install, ...rest] = demoCommand!.split('&&').map((part) => part.trim());
    expect(install).toBe('npm ci');
    const afterInstall = rest.join(' && ');
    expect(afterInstall).not.toBe('');

    // Its own TMPDIR, so what the demo leaves behind can be seen.
    const tmp = await mkdtemp(path.join(tmpdir(), 'schema-bot-quick-start-'));
    cleanups.push(tmp);
    const { code, stdout, stderr } = await runProcess('sh', ['-c', afterInstall], { cwd: root, env: { ...process.env, TMPDIR: tmp } });
    expect(stderr).not.toMatch(/schema-bot demo:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\[3\/9\] schema-bot preview — CI on the merge request: the plan its merge would bring, and lint$/m);
    expect(stdout).toMatch(/^\[5\/9\] schema-bot run — CI on the push to main: plans the change, opens a merge request$/m);
    expect(stdout).toMatch(/-- hazard data-loss: drops column public\.users\.password_md5/);
    expect(stdout).toMatch(/→ exit 5\n  production still has users\.password_md5: yes/);
    expect(stdout).toMatch(/^  production: users\.password_md5 dropped, task_comments created$/m);
    expect(stdout).toMatch(/^  main: pending\.sql removed; last commit: schema-bot: Applied change-schema-\d{8}T\d{6}Z: remove pending\.sql$/m);
    expect(stdout).toMatch(/^Done in [\d.]+ s\. Temporary files removed\.$/m);
    // The demo worked under this TMPDIR (it prints where its remote is), and its directory is
    // gone; tsx may keep its compile cache there, which is not the demo's to remove.
    expect(stdout).toContain(`remote: ${path.join(tmp, 'schema-bot-demo-')}`);
    expect((await readdir(tmp)).filter((name) => name.startsWith('schema-bot-demo-'))).toEqual([]);
  });
});
