import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl, withConnection } from './support/postgres.js';
import { tempDir } from './support/temp-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const meta = (fields: object) => JSON.stringify({ valid_on_pg15: true, expect_error: false, needs_roles: [], ...fields });

/** A corpus laid out as /work/shared/corpus is: `<source>/<case>/{from,to}.sql` and meta.json. */
const CORPUS = {
  'cases/create-table/from.sql': '',
  'cases/create-table/to.sql': 'create table t (id bigint not null, name text);',
  'cases/create-table/meta.json': meta({ tags: ['table'] }),
  'cases/add-column/from.sql': 'create table t (a int);',
  'cases/add-column/to.sql': "create table t (a int, b text default 'x');",
  'cases/add-column/meta.json': meta({ tags: ['column'], bidirectional: true }),
  // No plan can get here: the rows already in the table break the constraint the target adds.
  'cases/not-null-over-nulls/from.sql': 'create table t (a int);',
  'cases/not-null-over-nulls/seed_from.sql': 'insert into t values (null);',
  'cases/not-null-over-nulls/to.sql': 'create table t (a int not null);',
  'cases/not-null-over-nulls/meta.json': meta({ tags: ['not_null'] }),
  'cases/invalid-on-15/from.sql': '',
  'cases/invalid-on-15/to.sql': 'create table t (a int) with (no_such_option = 1);',
  'cases/invalid-on-15/meta.json': meta({ tags: ['table'], valid_on_pg15: false }),
  // Converges both ways, but the way back does what its budget forbids.
  'checks/budget/from.sql': 'create table t (p text);',
  'checks/budget/to.sql': 'create table t (p text); alter table t alter p set storage external;',
  'checks/budget/meta.json': meta({ tags: ['column'], bidirectional: true }),
  'checks/budget/budget.json': JSON.stringify({
    'a-to-b': { require: ['alter:column'], forbid: ['replacement:table'], expectedFailure: { assertion: 'require:alter:column' } },
    'b-to-a': { forbid: ['alter:column'] },
  }),
  // Converges, but only by making the table anew, which loses its rows.
  'checks/seed-lost/from.sql': 'create table t (a int);',
  'checks/seed-lost/seed_from.sql': 'insert into t values (1);',
  'checks/seed-lost/to.sql': 'create table t (a int) partition by list (a);',
  'checks/seed-lost/meta.json': meta({ tags: ['table'] }),
  'slow/hang/from.sql': 'select pg_sleep(60);',
  'slow/hang/to.sql': '',
  'slow/hang/meta.json': meta({ tags: ['table'] }),
};

interface Run { code: number | null; lines: string[]; stderr: string }

function harness(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'test/corpus/cli.ts', ...args], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: stdout.trimEnd().split('\n'), stderr }));
  });
}

/** Databases the run announced on stderr (`databases corpus_<id>_*`) that still exist. */
async function leftovers(run: Run): Promise<string[]> {
  const prefix = /databases (corpus_[0-9a-f]+)_\*/.exec(run.stderr)?.[1];
  expect(prefix).toBeDefined();
  const { rows } = await withConnection(serverUrl(), (c) =>
    c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${prefix}_`]),
  );
  return rows.map((r) => r.datname);
}

describe('npm run corpus', () => {
  let corpus: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    corpus = await tempDir(CORPUS);
  });
  afterAll(async () => {
    await corpus.remove();
  });

  it('prints a line per counted case, totals per source and the closing line', async () => {
    const run = await harness(['--corpus', corpus.path, '--source', 'cases']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(5);
    expect(run.lines.slice(0, 2)).toEqual(['PASS cases/add-column', 'PASS cases/create-table']);
    expect(run.lines[2]).toMatch(/^FAIL cases\/not-null-over-nulls: apply: .*contains null values \[in: ALTER TABLE .*\]$/);
    expect(run.lines.slice(3)).toEqual(['cases: 2 passed, 1 failed (1 skipped)', '2 passed, 1 failed']);
    expect(await leftovers(run)).toEqual([]);
  });

  it('selects by tags, writes JSON and fails the exit code on request', async () => {
    const json = path.join(corpus.path, 'results.json');
    const run = await harness(['--corpus', corpus.path, '--within-tags', 'table,not_null', '--source', 'cases', '--json', json, '--fail-on-failure']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.lines[0]).toBe('PASS cases/create-table');
    expect(run.lines[1]).toMatch(/^FAIL cases\/not-null-over-nulls: /);
    expect(run.lines.at(-1)).toBe('1 passed, 1 failed');
    const written = JSON.parse(await readFile(json, 'utf8')) as { results: { name: string; status: string }[] };
    expect(written.results.map((r) => [r.name, r.status])).toEqual([
      ['create-table', 'pass'],
      ['invalid-on-15', 'skip'],
      ['not-null-over-nulls', 'fail'],
    ]);
  });

  it('fails a converged case that breaks its budget or loses seeded rows, and says so in the totals', async () => {
    const json = path.join(corpus.path, 'checks.json');
    const run = await harness(['--corpus', corpus.path, '--source', 'checks', '--json', json]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toEqual([
      'FAIL checks/budget: to->from: budget: forbid:alter:column (plan: alter:column)',
      'FAIL checks/seed-lost: seed rows lost: public.t: 1 → 0',
      'checks: 0 passed, 2 failed (0 skipped)',
      "budgets: 1 of 2 direction(s) within budget; the peer's known failures: 1 of 1 met",
      'seed rows: kept in 0 of 1 seeded direction(s) that got through apply',
      '0 passed, 2 failed',
    ]);
    const written = JSON.parse(await readFile(json, 'utf8')) as { results: { directions: { steps: string[]; converged: boolean }[] }[] };
    expect(written.results[0]!.directions.map((d) => [d.converged, d.steps])).toEqual([[true, ['alter:column']], [true, ['alter:column']]]);
  });

  it('turns a hang into a failure and drops what the case made', async () => {
    const run = await harness(['--corpus', corpus.path, '--source', 'slow', '--timeout', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toEqual(['FAIL slow/hang: timed out after 2 s', 'slow: 0 passed, 1 failed (0 skipped)', '0 passed, 1 failed']);
    expect(await leftovers(run)).toEqual([]);
  });
});
