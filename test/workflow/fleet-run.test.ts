import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/sql/quote.js';
import { git, mergeInBare } from '../support/git-remote.js';
import { databaseUrl, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { workflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const BEFORE = `CREATE TABLE accounts (id int PRIMARY KEY, name text);
INSERT INTO accounts VALUES (1, 'kept');`;
const SCHEMA = 'CREATE TABLE accounts (id int PRIMARY KEY, name text, email text);';
const TENANTS = 50;
const DRIFTED = 5;

/**
 * Fifty-eight databases on the test server, made from one template: staging, a canary, production, 50
 * tenants alike and 5 tenants that each took a hotfix of their own (a comment), all kept on one
 * schema by one `schema-bot run` on the local host.
 */
describe('schema-bot run with targets', () => {
  const prefix = `fleet_${randomBytes(4).toString('hex')}`;
  const names: string[] = [];
  let h: WorkflowHarness;
  const admin = <T>(sql: string) => withConnection(serverUrl(), async (c) => (await c.query<T>(sql)).rows);
  const tenant = (i: number) => `${prefix}_tenant_${String(i).padStart(2, '0')}`;
  const env = () => ({
    STAGING_URL: databaseUrl(`${prefix}_staging`),
    CANARY_URL: databaseUrl(`${prefix}_canary`),
    PRODUCTION_URL: h.databaseUrl,
    TENANT_SERVER_URL: serverUrl(),
  });
  const cli = (command: string, ...args: string[]) => {
    h.checkout();
    return runCli([command, '--repo', h.botDir, '--host', 'local', '--shadow-url', serverUrl(), ...args], { env: env() });
  };
  const run = (...args: string[]) => cli('run', ...args);
  const ledgerRows = (name: string) =>
    withConnection(databaseUrl(name), async (c) => {
      const present = (await c.query<{ t: string | null }>(`SELECT to_regclass('schema_bot.ledger')::text AS t`)).rows[0]!.t;
      return present ? (await c.query<{ plan_id: string; finished: boolean }>('SELECT plan_id, finished_at IS NOT NULL AS finished FROM schema_bot.ledger')).rows : [];
    });

  beforeAll(async () => {
    h = await workflowHarness(BEFORE, SCHEMA, () => false, 'fleet_production');
    git(h.botDir, 'remote', 'set-url', 'origin', h.bare);
    const template = `${prefix}_template`;
    await admin(`CREATE DATABASE ${quoteIdent(template)} TEMPLATE template0`);
    names.push(template);
    await withConnection(databaseUrl(template), (c) => c.exec(BEFORE));
    const copies = [`${prefix}_staging`, `${prefix}_canary`, ...Array.from({ length: TENANTS + DRIFTED }, (_, i) => tenant(i))];
    for (const name of copies) {
      // FILE_COPY copies the template's files where WAL_LOG writes every block to the WAL: on the
      // test server, which does not sync, its checkpoints cost little.
      await admin(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)} STRATEGY FILE_COPY`);
      names.push(name);
    }
    for (let i = TENANTS; i < TENANTS + DRIFTED; i++) {
      await withConnection(databaseUrl(tenant(i)), (c) => c.exec(`COMMENT ON TABLE accounts IS 'hotfix ${i}'`));
    }
    h.push(
      {
        '.schema-bot.yml': `targets:
  - { name: staging, url_env: STAGING_URL, environment: staging, wave: 0 }
  - { name: canary, url_env: CANARY_URL, environment: production, wave: 1, promoted_from: staging }
  - { name: production, url_env: PRODUCTION_URL, environment: production, wave: 2, promoted_from: staging }
  - name: tenant
    url_env: TENANT_SERVER_URL
    databases: "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}_tenant_%' ORDER BY 1"
    environment: production
    wave: 2
`,
      },
      'Keep every database on the schema',
    );
  }, 300_000);

  afterAll(async () => {
    for (const name of names) await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await h?.close();
  }, 300_000);

  it('opens one merge request with one plan for the alike and one per drifted, applies wave by wave, stops at a failure and resumes', async () => {
    const planned = await run();
    expect(planned.stderr).not.toMatch(/schema-bot run:/);
    expect(planned.code).toBe(0);
    const records = await readdir(path.join(h.botDir, '.schema-bot', 'merge-requests'));
    expect(records).toHaveLength(1);
    const branch = records[0]!.replace(/\.md$/, '');
    const manifest = JSON.parse(h.remoteFile(branch, 'pending/manifest.json')!) as { plan: string; groups: { file: string; targets: string[] }[]; current: string[] };
    expect(manifest.plan).toBe(branch);
    expect(manifest.groups.map((g) => g.targets.length)).toEqual([53, 1, 1, 1, 1, 1]);
    expect(manifest.groups[0]!.targets.slice(0, 4)).toEqual(['staging', 'canary', 'production', `tenant/${tenant(0)}`]);
    expect(manifest.groups.slice(1).map((g) => g.targets[0])).toEqual(Array.from({ length: DRIFTED }, (_, i) => `tenant/${tenant(TENANTS + i)}`));
    expect(h.remoteFile(branch, `pending/${manifest.groups[0]!.file}`)).toContain('ALTER TABLE public.accounts ADD COLUMN email text;');
    expect(h.remoteFile(branch, `pending/${manifest.groups[1]!.file}`)).toMatch(/COMMENT ON TABLE public\.accounts IS NULL;[\s\S]*ADD COLUMN email text;|ADD COLUMN email text;[\s\S]*COMMENT ON TABLE public\.accounts IS NULL;/);
    expect(planned.stdout).toMatch(/\| `pending\/group-1\.sql` \| 1 \| 53: staging, canary, production, tenant\/\S+ .* and 43 more \|/);
    // The job summary shows the drifted databases too.
    expect(planned.stdout).toMatch(new RegExp(`### schema-bot run \\(plan\\)[\\s\\S]*\\| \`pending/group-6\\.sql\` \\| 2 \\| 1: tenant/${tenant(TENANTS + 4)} \\|`));

    // Wave 1's canary cannot be reached: staging has applied, nothing after the canary starts.
    mergeInBare(h.bare, 'main', branch, `Merge ${branch}`);
    await admin(`ALTER DATABASE ${quoteIdent(`${prefix}_canary`)} ALLOW_CONNECTIONS false`);
    const failed = await run();
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/wave 1 failed on 1 of 1 target\(s\), so 56 target\(s\) of later waves were not started/);
    expect(failed.stderr).toMatch(/canary: cannot connect/);
    expect(await ledgerRows(`${prefix}_staging`)).toEqual([{ plan_id: branch, finished: true }]);
    expect(await ledgerRows(tenant(0))).toEqual([]);
    expect(h.remoteFile('main', 'pending/manifest.json')).toBeDefined();

    // A CI matrix takes over: the next wave is the canary alone, then production and the tenants.
    await admin(`ALTER DATABASE ${quoteIdent(`${prefix}_canary`)} ALLOW_CONNECTIONS true`);
    const canaryWave = await cli('targets', '--matrix');
    expect(canaryWave.code).toBe(0);
    expect(JSON.parse(canaryWave.stdout)).toEqual({ plan: branch, wave: 1, target: ['canary'] });
    const canary = await run('--target', 'canary');
    expect(canary.code).toBe(0);
    expect(await ledgerRows(`${prefix}_canary`)).toEqual([{ plan_id: branch, finished: true }]);
    expect(await ledgerRows(tenant(0))).toEqual([]);
    const lastWave = await cli('targets', '--matrix', '--format', 'gitlab');
    expect(lastWave.stdout).toContain(`# schema-bot targets --matrix: wave 2 of ${branch}, 56 target(s)\n`);
    expect(lastWave.stdout).toContain(`      - SCHEMA_BOT_TARGET: ["production", "tenant/${tenant(0)}", `);

    // The collecting run applies what is left of the last wave and cleans up.
    const resumed = await run();
    expect(resumed.stderr).not.toMatch(/schema-bot run:/);
    expect(resumed.code).toBe(0);
    for (const name of [`${prefix}_staging`, `${prefix}_canary`, ...Array.from({ length: TENANTS + DRIFTED }, (_, i) => tenant(i))]) {
      expect(await ledgerRows(name), name).toEqual([{ plan_id: branch, finished: true }]);
    }
    expect(await h.query(`SELECT plan_id FROM schema_bot.ledger`)).toEqual([{ plan_id: branch }]);
    expect(await h.query(`SELECT name, email FROM accounts`)).toEqual([{ name: 'kept', email: null }]);
    const drifted = await withConnection(databaseUrl(tenant(TENANTS)), async (c) => (await c.query(`SELECT obj_description('accounts'::regclass) AS comment`)).rows);
    expect(drifted).toEqual([{ comment: null }]);
    expect(h.remoteFile('main', 'pending/manifest.json')).toBeUndefined();
    expect(resumed.stdout).toMatch(/Applied `[^`]+` to 58 databases from 6 plan files, wave by wave/);

    // Everything is at the schema: the next run has nothing to do.
    const settled = await run();
    expect(settled.code).toBe(0);
    expect(settled.stdout).toMatch(/- outcome: nothing to do/);
  }, 600_000);
});
