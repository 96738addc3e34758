import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Forge } from '../../src/forge/forge.js';
import { createGitHubForge } from '../../src/forge/github.js';
import { createGitLabForge } from '../../src/forge/gitlab.js';
import { createLocalForge } from '../../src/forge/local.js';
import { PlanFormatError } from '../../src/plan/plan-file.js';
import { reportCheck } from '../../src/workflow/report-check.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { startFakeGitLab } from '../support/fake-gitlab.js';
import { git, mergeInBare } from '../support/git-remote.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ROWS = `CREATE TABLE users (id int PRIMARY KEY, legacy text);
INSERT INTO users SELECT i, 'old ' || i FROM generate_series(1, 100) i;
CREATE TABLE notes (id int PRIMARY KEY);
INSERT INTO notes SELECT generate_series(1, 50);`;
const DROPS_LEGACY = 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE notes (id int PRIMARY KEY);';
const ADDS_NAME = 'CREATE TABLE users (id int PRIMARY KEY, legacy text, name text);\nCREATE TABLE notes (id int PRIMARY KEY);';

/** One host as the gate meets it: the bot's forge, how a reviewer approves, how the merge button merges. */
interface Host {
  name: string;
  forge: Forge;
  h: WorkflowHarness;
  branch(): string;
  approve(user: string): void;
  merge(): void;
}

type HostMaker = (production: string, schema: string) => Promise<Host>;

const GITHUB_TOKEN = 'ghp_gateTestToken0123456789abcd';
const GITLAB_TOKEN = 'glpat-gateTestToken0123456789';

const github: HostMaker = async (production, schema) => {
  let fake: Awaited<ReturnType<typeof startFakeGitHub>> | undefined;
  const h = await workflowHarness(production, schema, (user, password) => user === 'x-access-token' && fake!.acceptsToken(password), 'gate');
  cleanups.push(h.close);
  fake = await startFakeGitHub({ tokens: { [GITHUB_TOKEN]: 'schema-bot' }, bareRepo: h.bare, collaborators: ['dba', 'lead'] });
  const f = fake;
  cleanups.push(async () => {
    expect(f.violations).toEqual([]);
    await f.close();
  });
  const forge = createGitHubForge({ apiUrl: f.apiUrl, owner: f.owner, repo: f.repo, auth: { token: GITHUB_TOKEN }, retryAfterBaseMs: 1, paceWrites: false });
  return { name: 'github', forge, h, branch: () => f.pulls[0]!.head, approve: (user) => f.review(f.pulls[0]!.number, user, 'APPROVED'), merge: () => f.merge(f.pulls[0]!.number) };
};

const gitlab: HostMaker = async (production, schema) => {
  const h = await workflowHarness(production, schema, (user, password) => user === 'oauth2' && password === GITLAB_TOKEN, 'gate');
  cleanups.push(h.close);
  const fake = await startFakeGitLab({ tokens: { [GITLAB_TOKEN]: 'project_17_bot' }, users: ['dba'], bareRepo: h.bare });
  cleanups.push(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });
  const forge = createGitLabForge({ url: fake.url, project: fake.projectId, token: GITLAB_TOKEN });
  const mr = () => fake.mergeRequests[0]!;
  return { name: 'gitlab', forge, h, branch: () => mr().sourceBranch, approve: (user) => fake.approve(mr().iid, user), merge: () => fake.merge(mr().iid) };
};

const local: HostMaker = async (production, schema) => {
  const h = await workflowHarness(production, schema, () => false, 'gate');
  cleanups.push(h.close);
  git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
  const dir = path.join(h.botDir, '.schema-bot', 'merge-requests');
  const headOf = async (branch: string) => git(h.bare, 'rev-parse', branch).trim();
  const forge = createLocalForge({ dir, defaultBranch: 'main', print: () => {}, headOf });
  const branch = () => git(h.bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/change-schema-*').trim().split('\n')[0]!;
  return {
    name: 'local',
    forge,
    h,
    branch,
    approve: (user) => {
      // A person approves the branch's head by writing their name and it into the merge request file, as the README says.
      const file = path.join(dir, `${branch()}.md`);
      const head = git(h.bare, 'rev-parse', branch()).trim();
      writeFileSync(file, readFileSync(file, 'utf8').replace('approved_by: []', `approved_by:\n  - ${user}@${head}`));
    },
    merge: () => void mergeInBare(h.bare, 'main', branch(), `Merge ${branch()}`),
  };
};

const HOSTS: [string, HostMaker][] = [['local', local], ['github', github], ['gitlab', gitlab]];

/** The plan on the bot's branch, edited by a person and pushed there. */
function editPlan(host: Host, edit: (text: string) => string, message: string): string {
  const branch = host.branch();
  const text = edit(host.h.remoteFile(branch, 'pending.sql')!);
  host.h.push({ 'pending.sql': text }, message, branch);
  return text;
}

/** `schema-bot check --report` on the bot branch's head, as its pipeline runs it. */
async function check(host: Host): Promise<unknown> {
  host.h.checkout(host.branch());
  return reportCheck(await host.h.context(host.forge, { approvers: ['dba'] }), 'pending.sql').then(() => undefined, (error: unknown) => error);
}

const count = async (h: WorkflowHarness, table: string) => Number((await h.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe.each(HOSTS)('the approval gate on the %s host', (_, makeHost) => {
  it('computes data loss from the statements: hiding its comments fails check, and apply still waits for the approval', async () => {
    const host = await makeHost(ROWS, DROPS_LEGACY);
    const config = { approvers: ['dba'] };
    expect(await host.h.run(host.forge, config)).toMatchObject({ result: 'opened', destructive: true });
    const hidden = editPlan(host, (t) => t.replace(/^-- hazard data-loss:.*\n/gm, '').replace(/^-- hazards: .*$/m, '-- hazards: none'), 'Nothing to see here');
    expect(hidden).not.toContain('data-loss');

    const failed = await check(host);
    expect(failed).toBeInstanceOf(PlanFormatError);
    expect(String(failed)).toMatch(/pending\.sql:\d+: "ALTER TABLE public\.users DROP COLUMN legacy" drops column public\.users\.legacy and its data, but is not marked "-- hazard data-loss: …" above it/);

    host.merge();
    expect(await host.h.run(host.forge, config)).toMatchObject({ phase: 'apply', result: 'apply-refused', destructive: true });
    expect(await host.h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'`)).toHaveLength(1);
    expect(host.h.remoteFile('main', 'pending.sql')).toBe(hidden);
  });

  it('gates DELETE, TRUNCATE and a DO block a reviewer adds to a plan that loses nothing, marked or not', async () => {
    const host = await makeHost(ROWS, ADDS_NAME);
    const config = { approvers: ['dba'] };
    expect(await host.h.run(host.forge, config)).toMatchObject({ result: 'opened', destructive: false });
    editPlan(host, (t) => `${t}DELETE FROM users WHERE id > 50;\nTRUNCATE notes;\n`, 'Tidy up');
    expect(String(await check(host))).toMatch(/"DELETE FROM users WHERE id > 50" deletes rows from users, but is not marked[\s\S]*"TRUNCATE notes" empties notes, but is not marked[\s\S]*the header's "-- hazards:" line counts data-loss 0/);

    // Marked as the gate would mark them, the plan checks out, but waits for the approvers.
    editPlan(host, (t) => t
      .replace('-- hazards: none', '-- hazards: data-loss 2, unverifiable 1')
      .replace('DELETE FROM', '-- hazard data-loss: deletes rows\nDELETE FROM')
      .replace('TRUNCATE notes;\n', () => '-- hazard data-loss: empties notes\nTRUNCATE notes;\n-- hazard unverifiable: a DO block\nDO $$ BEGIN UPDATE users SET legacy = NULL; END $$;\n'), 'Mark them');
    expect(await check(host)).toBeUndefined();
    host.merge();
    expect(await host.h.run(host.forge, config)).toMatchObject({ phase: 'apply', result: 'apply-refused', destructive: true });
    expect([await count(host.h, 'users'), await count(host.h, 'notes')]).toEqual([100, 50]);
    expect(await host.h.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'`)).toHaveLength(0);
  });

  it('lets a reviewer’s marked backfill UPDATE through once approved', async () => {
    const host = await makeHost(ROWS, ADDS_NAME);
    const config = { approvers: ['dba'] };
    await host.h.run(host.forge, config);
    editPlan(host, (t) => `${t.replace('-- hazards: none', '-- hazards: data-change 1')}-- hazard data-change: backfills names\nUPDATE users SET name = legacy;\n`, 'Backfill names');
    expect(await check(host)).toBeUndefined();
    host.merge();
    expect(await host.h.run(host.forge, config)).toMatchObject({ result: 'apply-refused' });
    host.approve('dba');
    expect(await host.h.run(host.forge, config)).toMatchObject({ phase: 'apply', result: 'applied', destructive: true });
    expect(await host.h.query(`SELECT count(*)::int AS n FROM users WHERE name = legacy`)).toEqual([{ n: 100 }]);
  });
});
