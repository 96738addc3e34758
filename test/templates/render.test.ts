import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT } from '../../src/forge/hosts.js';
import type { PlanView, RiskView, StatementView } from '../../src/templates/plan-view.js';
import { BOT_MARKER, loadTemplates, readPlanMarker } from '../../src/templates/render.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function plan(statements: StatementView[]): PlanView {
  const header = ['-- schema-bot plan', '-- id: change-schema-20261124T050607Z', '-- base: sha256:aaa', '-- target: sha256:bbb', '-- source: 0123abc'];
  const body = statements.flatMap((s) => [...s.hazards.map((h) => `-- hazard ${h.kind}: ${h.message}`), s.sql]);
  return { id: 'change-schema-20261124T050607Z', base: 'sha256:aaa', target: 'sha256:bbb', source: '0123abc', file: 'pending.sql', text: `${[...header, ...body].join('\n')}\n`, statements };
}

const addColumn: StatementView = { sql: 'ALTER TABLE public.users ADD COLUMN full_name text;', kind: 'column', change: 'create', hazards: [], transactional: true };
const dropColumn: StatementView = {
  sql: 'ALTER TABLE public.users DROP COLUMN legacy;', kind: 'column', change: 'drop', transactional: true,
  hazards: [{ kind: 'data-loss', message: 'drops column public.users.legacy and its data' }],
};
const retype: StatementView = {
  sql: 'ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2);', kind: 'column', change: 'alter', transactional: true,
  hazards: [{ kind: 'table-rewrite', message: 'rewrites public.orders | all rows' }],
};
const retypeRisk: RiskView = {
  statement: 3, sql: 'ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2)', table: 'public.orders',
  rows: '~41 M rows', size: '12 GB', lock: 'ACCESS EXCLUSIVE', work: 'rewrite', dataLoss: false, online: false, severity: 'high',
};
const dropRisk: RiskView = {
  statement: 2, sql: 'ALTER TABLE public.users DROP COLUMN legacy', table: 'public.users',
  rows: '~50 rows', size: '16 kB', lock: 'ACCESS EXCLUSIVE', work: 'none', dataLoss: true, online: false, severity: 'high',
};
const context = { defaultBranch: 'main', requiredApprovals: 2, approvers: ['dba', 'lead'], gated: ['data-loss', 'data-change', 'unverifiable'], fileUrl: 'https://github.fake/acme/app/blob/change-schema-20261124T050607Z/pending.sql' };

/** The body as a markdown parser reads it: GFM tables, fenced code, raw HTML. */
function parse(body: string) {
  const tokens = marked.lexer(body);
  const all: Token[] = [];
  marked.walkTokens(tokens, (t) => void all.push(t));
  return {
    tables: all.filter((t): t is Tokens.Table => t.type === 'table'),
    code: all.filter((t): t is Tokens.Code => t.type === 'code'),
    html: all.filter((t) => t.type === 'html').map((t) => t.raw.trim()),
  };
}

describe('merge request templates', () => {
  it('shows the summary by kind, the data-loss warning, the hazards with why and what instead, the SQL, fingerprints and markers', async () => {
    const templates = await loadTemplates();
    const p = { ...plan([addColumn, dropColumn, retype]), risk: [dropRisk, retypeRisk] };
    expect(templates.title(p)).toBe('Schema change change-schema-20261124T050607Z: 1 create, 1 alter, 1 drop');
    const body = templates.body(p, context);
    const { tables, code, html } = parse(body);

    expect(tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([['column', '1', '1', '1', '0']]);
    expect(body).toContain('**This plan needs approval:** its statements below delete or change data, or run code no check can verify. It needs 2 approvals from @dba, @lead before it is applied.');
    expect(body).toContain('> - `ALTER TABLE public.users DROP COLUMN legacy;` — data-loss: drops column public.users.legacy and its data');
    const hazards = tables[1]!.rows.map((r) => r.map((c) => c.text));
    expect(hazards).toHaveLength(2);
    expect(hazards[0]!.slice(0, 3)).toEqual(['1', '`ALTER TABLE public.users DROP COLUMN legacy;`', 'data-loss: drops column public.users.legacy and its data']);
    expect(hazards[0]![4]).toMatch(/drop it in a later change/);
    expect(hazards[1]![2]).toBe('table-rewrite: rewrites public.orders | all rows');
    expect(hazards[1]![3]).toMatch(/rewrites the whole table/);
    expect(body).toContain('### Risk on production');
    expect(tables[2]!.header.map((c) => c.text)).toEqual(['#', 'statement', 'table', 'rows', 'size', 'lock', 'rewrite/scan', 'severity']);
    expect(tables[2]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2', '`ALTER TABLE public.users DROP COLUMN legacy`', 'public.users', '~50 rows', '16 kB', 'ACCESS EXCLUSIVE', '', 'high (data loss)'],
      ['3', '`ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2)`', 'public.orders', '~41 M rows', '12 GB', 'ACCESS EXCLUSIVE', 'rewrite', 'high'],
    ]);
    expect(code).toEqual([expect.objectContaining({ lang: 'sql', text: p.text.trimEnd() })]);
    expect(body).toContain('- base (production now): `sha256:aaa`');
    expect(body).toContain('### What happens on merge');
    expect(html).toContain(BOT_MARKER);
    expect(readPlanMarker(body)).toEqual({ id: p.id, base: 'sha256:aaa', target: 'sha256:bbb' });
    expect(templates.body(plan([addColumn, retype]), context)).not.toContain('needs approval');
    expect(templates.body(plan([addColumn, retype]), context)).not.toContain('Risk on production');
    expect(templates.body(p, { ...context, gated: ['data-change'] })).not.toContain('needs approval');
  });

  it('truncates a 200 KB plan to a body under GitHub’s limit that still parses and points to the file', async () => {
    const templates = await loadTemplates();
    const statements = Array.from({ length: 2500 }, (_, i) => ({
      ...dropColumn,
      sql: `ALTER TABLE public.wide_table_${i} DROP COLUMN legacy_column_${i}; -- \`\`\` a fence-like run`,
      hazards: [{ kind: 'data-loss' as const, message: `drops column public.wide_table_${i}.legacy_column_${i} and its data` }],
    }));
    const risk = statements.map((s, i) => ({ ...dropRisk, statement: i + 1, sql: s.sql, table: `public.wide_table_${i}` }));
    const p = { ...plan(statements), risk };
    expect(p.text.length).toBeGreaterThan(200_000);
    const body = templates.body(p, context);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toMatch(/The plan is 5005 lines; the first \d+ are shown\. The full plan is \[`pending.sql`\]\(https:\/\/github\.fake\/acme\/app\/blob\/change-schema-20261124T050607Z\/pending\.sql\) on this branch\./);
    const { tables, code, html } = parse(body);
    expect(code).toHaveLength(1);
    expect(code[0]!.lang).toBe('sql');
    expect(p.text.startsWith(code[0]!.text)).toBe(true);
    expect(code[0]!.text.length).toBeGreaterThan(GITHUB_BODY_LIMIT / 3);
    expect(tables).toHaveLength(3);
    expect(body).toMatch(/… and \d+ more hazards, marked `-- hazard` in `pending.sql`\./);
    expect(body).toMatch(/… and \d+ more statements on production's tables; `schema-bot plan` prints every one\./);
    expect(html).toContain(BOT_MARKER);
    expect(readPlanMarker(body)?.id).toBe(p.id);
  });

  it('takes templates from a directory, and names a file that is not a template or does not compile', async () => {
    const dir = await tempDir({ 'title.hbs': 'DB: {{plan.id}}', 'comment-closed.hbs': 'Bye: {{reason}}' });
    cleanups.push(dir.remove);
    const templates = await loadTemplates(dir.path);
    expect(templates.title(plan([addColumn]))).toBe('DB: change-schema-20261124T050607Z');
    expect(templates.comment('closed', { reason: 'production matches schema/*.sql' })).toBe('Bye: production matches schema/*.sql');
    expect(templates.comment('apply-refused', { planId: 'p', reason: 'deletes data', required: 2, approvers: ['dba'], approvedBy: ['lead'], missing: 1, defaultBranch: 'main' })).toBe(
      'Not applied: `p` deletes data and needs 2 approvals from @dba; it has 1 (@lead). 1 more needed. Approve, then rerun the pipeline on `main`.',
    );

    await writeFile(path.join(dir.path, 'tilte.hbs'), 'x');
    await expect(loadTemplates(dir.path)).rejects.toThrow(/tilte\.hbs: not a template name; expected one of title\.hbs, body\.hbs/);
    await writeFile(path.join(dir.path, 'tilte.hbs'), '');
    const broken = await tempDir({ 'body.hbs': '{{#if plan}}unclosed' });
    cleanups.push(broken.remove);
    await expect(loadTemplates(broken.path)).rejects.toThrow(new RegExp(`${broken.path}/body\\.hbs: Parse error`));
  });
});
