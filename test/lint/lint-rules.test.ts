import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../src/lint/lint-rules.js';
import { lintSchema, type LintResult } from '../../src/lint/lint-schema.js';
import type { Severity } from '../../src/lint/lint-rule.js';
import { serverUrl } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

/** Every rule on, so a rule off by default is judged too. */
const ALL_ON: Record<string, Severity> = Object.fromEntries(LINT_RULES.map((r) => [r.id, r.severity === 'off' ? 'warning' : r.severity]));

async function lint(sql: string, severities: Record<string, Severity> = ALL_ON): Promise<LintResult> {
  const dir = await tempDir({ 'schema.sql': sql });
  try {
    return await lintSchema({ schemaPath: dir.path, shadowUrl: serverUrl(), severities, log: () => {} });
  } finally {
    await dir.remove();
  }
}

const KEYED = 'create table parent (id bigint primary key);';

/** Per rule: a schema it objects to, with the line it points at, and a near one it leaves alone. */
const CASES: { rule: string; fires: string; line: number; quiet: string }[] = [
  {
    rule: 'fk-without-index',
    fires: `${KEYED}\ncreate table child (id bigint primary key,\n  parent_id bigint references parent);`,
    line: 3,
    quiet: `${KEYED}\ncreate table child (id bigint primary key, parent_id bigint references parent);\ncreate index on child (parent_id, id);
      create table "odd(name" (id bigint primary key, parent_id bigint references parent); create index on "odd(name" (parent_id);`,
  },
  {
    rule: 'timestamp-without-time-zone',
    fires: 'create table t (id bigint primary key,\n  at timestamp(3)[]);',
    line: 2,
    quiet: 'create table t (id bigint primary key, at timestamptz, d date, tm time);',
  },
  {
    rule: 'integer-primary-key',
    fires: 'create table t (\n  id serial primary key);',
    line: 2,
    quiet: 'create table t (id bigserial primary key); create table u (a int, b int, primary key (a, b));',
  },
  {
    rule: 'table-without-primary-key',
    fires: 'create table keyed (id bigint primary key);\ncreate table t (id bigint unique);',
    line: 2,
    quiet: `create table m (id bigint, k text, primary key (id, k)) partition by list (k);
      create table m1 partition of m for values in ('a');`,
  },
  {
    rule: 'char-n',
    fires: 'create table t (id bigint primary key,\n  code char(3));',
    line: 2,
    quiet: 'create table t (id bigint primary key, code text check (length(code) = 3), c "char");',
  },
  {
    rule: 'varchar-n',
    fires: 'create table t (id bigint primary key,\n  name varchar(20));',
    line: 2,
    quiet: 'create table t (id bigint primary key, name varchar, other text);',
  },
  {
    rule: 'rls-without-policies',
    fires: 'create table t (id bigint primary key);\nalter table t enable row level security;',
    line: 1,
    quiet: `create table t (id bigint primary key, owner text); alter table t enable row level security;
      create policy own on t using (owner = current_user);`,
  },
  {
    rule: 'security-definer-search-path',
    fires: 'create table t (id bigint primary key);\ncreate function f() returns bigint language sql security definer as $$ select count(*) from t $$;',
    line: 2,
    quiet: `create table t (id bigint primary key);
      create function f() returns bigint language sql security definer set search_path = pg_catalog, public as $$ select count(*) from public.t $$;
      create function g() returns int language sql as $$ select 1 $$;`,
  },
  {
    rule: 'duplicate-index',
    fires: 'create table "Order" (id bigint primary key, a int);\ncreate index order_a on "Order" (a);\ncreate index order_id on "Order" (id);',
    line: 3,
    quiet: `create table t (id bigint primary key, a int); create index t_a on t (a); create index t_a_desc on t (a desc); create index t_a_part on t (a) where a > 0;
      create table u (k int, constraint u_k unique (k) deferrable); create index u_k_now on u (k);`,
  },
];

describe('lint rules', () => {
  it('has a case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(LINT_RULES.map((r) => r.id).sort());
  });

  it.each(CASES)('$rule fires at the line that declares the object, and not on the schema that follows it', async ({ rule, fires, line, quiet }) => {
    const found = (await lint(fires)).findings.filter((f) => f.rule === rule);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: expect.stringMatching(/schema\.sql$/), line });
    expect((await lint(quiet)).findings.filter((f) => f.rule === rule)).toEqual([]);
  });

  it('keeps each rule at its own severity unless the setting names it, and runs none that is off', async () => {
    const sql = 'create table t (id serial primary key, name varchar(20));';
    const defaults = (await lint(sql, {})).findings.map((f) => [f.rule, f.severity]);
    expect(defaults).toEqual([['integer-primary-key', 'warning']]);
    const set = (await lint(sql, { 'integer-primary-key': 'off', 'varchar-n': 'error' })).findings.map((f) => [f.rule, f.severity]);
    expect(set).toEqual([['varchar-n', 'error']]);
  });

  it('silences one object with an ignore comment that gives a reason, and only that object', async () => {
    const result = await lint(`create table a (id bigint primary key,
  -- schema-bot: ignore timestamp-without-time-zone the vendor feed writes local time
  at timestamp,
  seen timestamp);`);
    expect(result.findings.map((f) => [f.rule, f.line])).toEqual([['timestamp-without-time-zone', 4]]);
    expect(result.ignored).toEqual([expect.objectContaining({ rule: 'timestamp-without-time-zone', line: 3, reason: 'the vendor feed writes local time' })]);
  });

  it('refuses an ignore comment without a reason, or naming no rule, with its place', async () => {
    await expect(lint('-- schema-bot: ignore table-without-primary-key\ncreate table t (id int);')).rejects.toThrow(
      /schema\.sql:1:1: ignoring table-without-primary-key needs a reason/,
    );
    await expect(lint('create table t (id bigint primary key);\n-- schema-bot: ignore no-such-rule because\ncreate table u (id bigint primary key);')).rejects.toThrow(
      /schema\.sql:2:1: "no-such-rule" is not a lint rule/,
    );
  });

  it('refuses a severity for a rule that does not exist', async () => {
    await expect(lint('create table t (id bigint primary key);', { 'no-such-rule': 'error' })).rejects.toThrow(/unknown rule\(s\) no-such-rule/);
  });
});
