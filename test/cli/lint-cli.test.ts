import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { serverUrl } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const SCHEMA = `create table users (id bigint primary key);
create table posts (
  id bigint primary key,
  author bigint references users,
  -- schema-bot: ignore fk-without-index edits are rare and looked up by id
  editor bigint references users
);
create function whoami() returns text language sql security definer as $$ select current_user $$;
`;

/**
 * The fields GitLab's merge request widget reads from a Code Quality report, as GitLab's
 * documentation of the format lists them (docs.gitlab.com/ci/testing/code_quality, "Code Quality
 * report format"): each required, severity one of five.
 */
const CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: { path: { type: 'string', minLength: 1 }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
      },
    },
  },
};

async function inRepository(test: (dir: string, lint: (...args: string[]) => ReturnType<typeof runCli>) => Promise<void>, config = '') {
  const dir = await tempDir({ 'schema/app.sql': SCHEMA, ...(config ? { '.schema-bot.yml': config } : {}) });
  try {
    await test(dir.path, (...args) => runCli(['lint', '--shadow-url', serverUrl(), ...args], { cwd: dir.path }));
  } finally {
    await dir.remove();
  }
}

describe('schema-bot lint', () => {
  it('prints each finding at its file and line, and exits 7 on a rule at error', async () => {
    await inRepository(async (_dir, lint) => {
      const result = await lint();
      expect(result.stdout).toContain('schema/app.sql:4: warning [fk-without-index] foreign key constraint posts_author_fkey ON public.posts (author)');
      expect(result.stdout).toContain('schema/app.sql:8: error [security-definer-search-path] function public.whoami() is SECURITY DEFINER');
      expect(result.stdout).not.toContain('posts_editor_fkey');
      expect(result.stdout).toContain('1 error(s), 1 warning(s), 1 ignored');
      expect(result.code).toBe(7);
    });
  });

  it('takes severities from .schema-bot.yml, and names a setting it does not know at its place', async () => {
    await inRepository(async (_dir, lint) => {
      const result = await lint();
      expect(result.stdout).toContain('0 error(s), 1 warning(s), 1 ignored');
      expect(result.code).toBe(0);
    }, 'lint:\n  security-definer-search-path: off\n');
    await inRepository(async (_dir, lint) => {
      const result = await lint();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/\.schema-bot\.yml:2:3: lint: unknown key "no-such-rule"/);
    }, 'lint:\n  no-such-rule: off\n');
  });

  it('writes GitHub annotations, a Code Quality report GitLab reads, and SARIF', async () => {
    await inRepository(async (dir, lint) => {
      const github = await lint('--format', 'github');
      expect(github.stdout.split('\n')).toContain('::error file=schema/app.sql,line=8,title=schema-bot security-definer-search-path::function public.whoami() is SECURITY DEFINER without SET search_path');

      const quality = await lint('--format', 'codequality', '--out', 'gl-code-quality-report.json');
      expect(quality.stdout).toContain('1 error(s), 1 warning(s), 1 ignored');
      const report = JSON.parse(await readFile(path.join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; fingerprint: string }[];
      const validate = new Ajv().compile(CODE_QUALITY);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report.map((r) => r.check_name)).toEqual(['fk-without-index', 'security-definer-search-path']);
      expect(new Set(report.map((r) => r.fingerprint)).size).toBe(2);

      const sarif = JSON.parse((await lint('--format', 'sarif')).stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
        ['fk-without-index', 4],
        ['security-definer-search-path', 8],
      ]);
    });
  });

  it('answers an unknown format with one line and exit 1', async () => {
    await inRepository(async (_dir, lint) => {
      const result = await lint('--format', 'xml');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('--format must be one of text, github, codequality, sarif');
    });
  });
});
