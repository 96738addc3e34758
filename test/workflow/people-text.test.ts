import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { git } from '../support/git-remote.js';
import { localBot } from '../support/local-bot.js';
import { workflowHarness } from '../support/workflow-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('escapes the author and subject of a person’s commit in the kept-commits comment', async () => {
  const h = await workflowHarness('CREATE TABLE users (id int PRIMARY KEY);', 'CREATE TABLE users (id int PRIMARY KEY, name text);', () => false);
  cleanups.push(h.close);
  const run = localBot(h);
  expect((await run()).code).toBe(0);
  const [file] = await readdir(path.join(h.botDir, '.schema-bot', 'merge-requests'));
  const branch = file!.replace(/\.md$/, '');

  // git keeps no < or > in a name, so the markup rides in the subject; the name links and mentions.
  h.push({ 'pending.sql': `${h.remoteFile(branch, 'pending.sql')}UPDATE users SET name = 'n/a';\n` }, '<img src=x onerror=alert(1)> *look*', branch);
  git(h.person, 'commit', '--amend', '-q', '--no-edit', '--author', '[x](http://evil) @everyone <m@example.com>');
  git(h.person, 'push', '-qf', 'origin', branch);
  h.push({ 'schema/app.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text, email text);' }, 'Add email');

  const kept = await run();
  expect(kept.code).toBe(0);
  expect(kept.stdout).toContain("has commits that are not the bot's");
  expect(kept.stdout).toMatch(/^- [0-9a-f]{12} &lt;img src=x onerror=alert\(1\)&gt; \\\*look\\\* \(\\\[x\\\]\(http\\:\/\/evil\) @&#8203;everyone\)$/m);
});
