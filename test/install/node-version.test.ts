import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, TEMPLATE_FILE } from '../gitlab-template/template-project.js';

/**
 * Node 20 reached its end of life in April 2026 and a dependency needs 22: schema-bot asks for
 * Node 22 or newer wherever a Node version is named, and CI runs on it even where the machine's
 * node is older.
 */
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

it('asks for Node 22 or newer in package.json, the GitLab template, the action and the README', () => {
  expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe('>=22');
  const inputs = (parseAllDocuments(read(path.relative(REPO_ROOT, TEMPLATE_FILE)))[0]!.toJS() as { spec: { inputs: Record<string, { default: string; description: string }> } }).spec.inputs;
  expect(Number(inputs['node-version']!.default)).toBeGreaterThanOrEqual(22);
  expect(inputs['node-version']!.description).toContain('22 or later');
  expect(read('action.yml')).toMatch(/using: node2[2-9]/);
  expect(read('README.md')).not.toMatch(/Node\.?j?s? 20|20 or (later|newer)/);
  expect(read('scripts/build-action.ts')).toContain("target: 'node22'");
});

it('makes CI run on Node 22 where the machine has an older node, from the npm registry', () => {
  // The machine's own node only (on this one, /usr/bin/node is Node 20); the cache is the user's.
  const script = `PATH=/usr/local/bin:/usr/bin:/bin; . .ci/use-node; node -p process.versions.node`;
  const version = execFileSync('bash', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { HOME: process.env.HOME } }).trim();
  expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(22);
  expect(read('.ci/run')).toContain('. .ci/use-node');
}, 120_000);
