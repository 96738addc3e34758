import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { configHelp, DEFAULTS } from '../../src/config/options.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repo(files: Record<string, string>) {
  const dir = await tempDir(files);
  cleanups.push(dir.remove);
  return dir.path;
}

describe('.schema-bot.yml', () => {
  it('gives every default without a file', async () => {
    expect(await loadConfig({ cwd: await repo({}), env: {} })).toEqual(DEFAULTS);
  });

  it('takes a flag over the environment over the file over the default', async () => {
    const cwd = await repo({
      '.schema-bot.yml': [
        'schema: [db/schema/, db/extra.sql]',
        'pending_file: db/pending.sql',
        'required_approvals: 2',
        'reviewers: dba',
        'approvers: [dba, lead]',
        'labels: { destructive: drops-data }',
        'lock_timeout: 3s',
        'template_dir: .github/schema-bot',
        'commit_author: DB Bot <db-bot@example.com>',
        'online: true',
        'risk: { small_table_rows: 500 }',
      ].join('\n'),
    });
    const config = await loadConfig({
      cwd,
      env: { SCHEMA_BOT_REQUIRED_APPROVALS: '3', SCHEMA_BOT_LOCK_TIMEOUT: '10s', SCHEMA_BOT_ONLINE: 'false' },
      flags: { 'required-approvals': '4', reviewers: 'ann,bob' },
    });
    expect(config).toEqual({
      ...DEFAULTS,
      schema: ['db/schema/', 'db/extra.sql'],
      pendingFile: 'db/pending.sql',
      requiredApprovals: 4,
      reviewers: ['ann', 'bob'],
      approvers: ['dba', 'lead'],
      labels: { change: 'schema-change', destructive: 'drops-data' },
      risk: { smallTableRows: 500 },
      lockTimeout: '10s',
      online: false,
      templateDir: path.join(cwd, '.github/schema-bot'),
      commitAuthor: { name: 'DB Bot', email: 'db-bot@example.com' },
    });
  });

  it('reports every problem at once with file:line:column, variable or flag, and refuses secrets in the file', async () => {
    const cwd = await repo({
      'ci/bot.yml': ['schema: schema/', 'required_approvals: -1', 'lock_timeout: soon', 'labels:', '  change: ""', 'reviewer: [dba]', 'github_token: ghp_abc', 'commit_author: just a name', 'host: bitbucket', 'risk: { small_table_rows: many }'].join('\n'),
    });
    const error = await loadConfig({ cwd, env: { SCHEMA_BOT_ONLINE: 'maybe' }, flags: { config: 'ci/bot.yml', 'required-approvals': 'two' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const file = path.join(cwd, 'ci/bot.yml');
    expect((error as Error).message.split('\n')).toEqual(expect.arrayContaining([
      `  ${file}:7:1: "github_token" looks like a secret; secrets come only from the environment (DATABASE_URL, GITHUB_TOKEN, GITLAB_TOKEN, …), never from .schema-bot.yml`,
      `  ${file}:6:1: unknown key "reviewer"`,
      `  ${file}:2:21: required_approvals: must be >= 0`,
      `  ${file}:3:15: lock_timeout: must be a duration such as 500ms, 5s, 2min or 0`,
      `  ${file}:5:11: labels.change: must NOT have fewer than 1 characters`,
      `  ${file}:8:16: commit_author: must look like "Name <email>"`,
      `  ${file}:9:7: host: must be one of auto, github, gitlab, local`,
      `  ${file}:10:27: risk.small_table_rows: must be integer`,
      '  --required-approvals: must be a whole number of 0 or more',
      '  SCHEMA_BOT_ONLINE: must be true or false',
    ]));
    expect((error as Error).message).not.toContain('ghp_abc');
  });

  it('points at broken YAML and at a named file that is missing', async () => {
    const cwd = await repo({ '.schema-bot.yml': 'schema: [a, b\nonline: true\n' });
    await expect(loadConfig({ cwd, env: {} })).rejects.toThrow(/\.schema-bot\.yml:\d+:\d+: /);
    await expect(loadConfig({ cwd, env: { SCHEMA_BOT_CONFIG: 'nope.yml' } })).rejects.toThrow(/nope\.yml: no such file/);
  });

  it('reads .schema-bot.yml when SCHEMA_BOT_CONFIG is set but empty, as a CI template passes an unset input', async () => {
    const cwd = await repo({ '.schema-bot.yml': 'required_approvals: 2\n' });
    expect((await loadConfig({ cwd, env: { SCHEMA_BOT_CONFIG: '' } })).requiredApprovals).toBe(2);
  });

  it('takes the gated classes as a list or as text, none for none, and names an unknown class', async () => {
    const cwd = await repo({ '.schema-bot.yml': 'gated: [data-loss, unverifiable]\n' });
    expect((await loadConfig({ cwd, env: {} })).gated).toEqual(['data-loss', 'unverifiable']);
    expect((await loadConfig({ cwd, env: { SCHEMA_BOT_GATED: 'none' } })).gated).toEqual([]);
    expect((await loadConfig({ cwd, env: {}, flags: { gated: 'data-change' } })).gated).toEqual(['data-change']);
    expect((await loadConfig({ cwd: await repo({}), env: {} })).gated).toEqual(['data-loss', 'data-change', 'unverifiable']);
    const wrong = await repo({ '.schema-bot.yml': 'gated: [data-loss, drops]\n' });
    await expect(loadConfig({ cwd: wrong, env: {} })).rejects.toThrow(/\.schema-bot\.yml:1:8: gated: must be none or a list of data-loss, data-change, unverifiable/);
    await expect(loadConfig({ cwd, env: { SCHEMA_BOT_GATED: 'data-loss,everything' } })).rejects.toThrow(/SCHEMA_BOT_GATED: must be none or a comma-separated list of data-loss, data-change, unverifiable/);
  });

  it('takes the largest table a row probe reads from probe_max_rows, its variable or its flag, 0 for no limit', async () => {
    const cwd = await repo({ '.schema-bot.yml': 'probe_max_rows: 50000\n' });
    expect((await loadConfig({ cwd: await repo({}), env: {} })).probeMaxRows).toBe(1_000_000);
    expect((await loadConfig({ cwd, env: {} })).probeMaxRows).toBe(50_000);
    expect((await loadConfig({ cwd, env: { SCHEMA_BOT_PROBE_MAX_ROWS: '0' } })).probeMaxRows).toBe(0);
    expect((await loadConfig({ cwd, env: { SCHEMA_BOT_PROBE_MAX_ROWS: '0' }, flags: { 'probe-max-rows': '10' } })).probeMaxRows).toBe(10);
    await expect(loadConfig({ cwd, env: { SCHEMA_BOT_PROBE_MAX_ROWS: 'many' } })).rejects.toThrow(/SCHEMA_BOT_PROBE_MAX_ROWS: must be a whole number of 0 or more/);
    const wrong = await repo({ '.schema-bot.yml': 'probe_max_rows: -5\n' });
    await expect(loadConfig({ cwd: wrong, env: {} })).rejects.toThrow(/\.schema-bot\.yml:1:17: probe_max_rows: must be >= 0/);
  });

  it('reads targets with their defaults, and refuses a URL in the file, a name twice and a promotion no earlier wave can give', async () => {
    const cwd = await repo({
      '.schema-bot.yml': `targets:
  - { name: staging, url_env: STAGING_URL }
  - { name: tenants, url_env: TENANTS_URL, databases: "SELECT datname FROM pg_database", environment: production, wave: 1, promoted_from: staging }
`,
    });
    expect((await loadConfig({ cwd, env: {} })).targets).toEqual([
      { name: 'staging', urlEnv: 'STAGING_URL', environment: 'staging', wave: 0 },
      { name: 'tenants', urlEnv: 'TENANTS_URL', databases: 'SELECT datname FROM pg_database', environment: 'production', wave: 1, promotedFrom: 'staging' },
    ]);
    const wrong = await repo({
      '.schema-bot.yml': `targets:
  - { name: prod, url_env: "postgres://app:pw@db/app" }
  - { name: "a b", url_env: A }
  - { url_env: B }
`,
    });
    const problems = loadConfig({ cwd: wrong, env: {} });
    await expect(problems).rejects.toThrow(/:2:28: targets\.0\.url_env: must name an environment variable that holds the URL; the URL itself never goes in the file/);
    await expect(problems).rejects.toThrow(/:3:13: targets\.1\.name: must be letters, digits, _, \. or -/);
    await expect(problems).rejects.toThrow(/targets\.2: needs name/);
    const unreachable = await repo({
      '.schema-bot.yml': `targets:
  - { name: prod, url_env: A, wave: 0, promoted_from: staging }
  - { name: staging, url_env: B, wave: 1 }
  - { name: staging, url_env: C, wave: 2 }
`,
    });
    const refused = loadConfig({ cwd: unreachable, env: {} });
    await expect(refused).rejects.toThrow(/target "prod" is promoted from environment "staging", but no target of that environment is in an earlier wave than 0/);
    await expect(refused).rejects.toThrow(/two targets are named "staging"/);
  });

  it('describes every setting with its flag, variable, key and default', () => {
    expect(configHelp()).toContain('--required-approvals, SCHEMA_BOT_REQUIRED_APPROVALS, required_approvals:\n      approvals a plan of a gated class needs before apply (default: 1)');
  });
});
