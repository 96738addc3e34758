import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_CASTS, hasAssignmentCast, STRINGS } from '../../src/kinds/column/type-conversion.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { createDatabase, withConnection } from '../support/postgres.js';

/** Column types a schema has, as format_type writes them. */
const TYPES = [
  'smallint', 'integer', 'bigint', 'numeric', 'numeric(10,2)', 'real', 'double precision', 'money', 'text',
  'character varying(10)', 'character(5)', '"char"', 'name', 'boolean', 'date', 'timestamp without time zone',
  'timestamp(3) with time zone', 'time without time zone', 'time with time zone', 'interval', 'json', 'jsonb', 'uuid',
  'bytea', 'inet', 'cidr', 'macaddr', 'macaddr8', 'bit(3)', 'bit varying(5)', 'integer[]', 'bigint[]', 'text[]',
];

/** The type names ASSIGNMENT_CASTS speaks of, without typmods. */
const VOCABULARY = [...new Set([...Object.keys(ASSIGNMENT_CASTS), ...Object.values(ASSIGNMENT_CASTS).flat()])];

describe('PostgreSQL\'s own conversions between column types', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    db = await createDatabase('conversions');
  });
  afterAll(() => db.drop());

  it('lists exactly the assignment and implicit casts pg_cast has between those types, strings aside', async () => {
    const { rows } = await withConnection(db.url, (c) => c.query<{ source: string; target: string }>(`
      SELECT format_type(castsource, NULL) AS source, format_type(casttarget, NULL) AS target
      FROM pg_cast WHERE castcontext IN ('a', 'i')
        AND format_type(castsource, NULL) = ANY ($1) AND format_type(casttarget, NULL) = ANY ($1)
        AND castsource <> casttarget AND NOT format_type(casttarget, NULL) = ANY ($2)`, [VOCABULARY, [...STRINGS]]));
    const listed = Object.entries(ASSIGNMENT_CASTS).flatMap(([source, targets]) => targets.map((t) => `${source} -> ${t}`));
    expect(listed.sort()).toEqual(rows.map((r) => `${r.source} -> ${r.target}`).sort());
  });

  it('needs USING exactly where ALTER COLUMN … TYPE without it is refused', async () => {
    const wrong: string[] = [];
    await withConnection(db.url, async (c) => {
      await c.query('BEGIN');
      for (const from of TYPES) {
        await c.query('DROP TABLE IF EXISTS t');
        await c.query(`CREATE TABLE t (v ${from})`);
        for (const to of TYPES.filter((t) => t !== from)) {
          await c.query('SAVEPOINT s');
          const accepted = await c.query(`ALTER TABLE t ALTER COLUMN v TYPE ${to}`).then(() => true, () => false);
          await c.query('ROLLBACK TO SAVEPOINT s');
          if (accepted !== hasAssignmentCast(from, to)) wrong.push(`${from} -> ${to}: PostgreSQL ${accepted ? 'converts' : 'refuses'}`);
        }
      }
      await c.query('ROLLBACK');
    });
    expect(wrong).toEqual([]);
  });
});

/** The `-- hazard <kind>` marks of the statement in `migration` that matches `statement`. */
function hazardsOf(migration: string, statement: RegExp): string[] {
  const lines = migration.split('\n');
  const at = lines.findIndex((l) => statement.test(l));
  expect(at).toBeGreaterThanOrEqual(0);
  const kinds: string[] = [];
  for (let i = at - 1; i >= 0 && lines[i]!.startsWith('-- hazard '); i--) kinds.unshift(/^-- hazard ([a-z-]+):/.exec(lines[i]!)![1]!);
  return kinds;
}

describe.each(SHADOW_KINDS)('type changes as PostgreSQL makes them, through a %s shadow', (shadow) => {
  it('narrows text to varchar(45) by the assignment cast, which fails on a longer value instead of truncating it', async () => {
    const from = 'create table t (v text);';
    const to = 'create table t (v varchar(45));';
    const fits = await converge(from, to, shadow, { seed: `insert into t values ('short');` });
    expect(fits.migration).toContain('ALTER COLUMN v TYPE character varying(45);');
    expect(hazardsOf(fits.migration, /ALTER COLUMN v TYPE/)).toEqual(['table-rewrite', 'data-dependent']);
    expect(fits.remaining).toBe('');
    await expect(converge(from, to, shadow, { seed: `insert into t values (repeat('x', 50));` }))
      .rejects.toThrow('value too long for type character varying(45)');
  });

  it.each<[string, string, string, string[]]>([
    ['lengthens a varchar in place', 'varchar(10)', 'varchar(20)', []],
    ['turns a varchar into text in place', 'varchar(10)', 'text', []],
    ['widens smallint to integer, which cannot fail', 'smallint', 'integer', ['table-rewrite']],
    ['narrows bigint to integer, which can only fail', 'bigint', 'integer', ['table-rewrite', 'data-dependent']],
    ['rounds numeric to a smaller scale', 'numeric(10,2)', 'numeric(10,1)', ['data-loss', 'table-rewrite', 'data-dependent']],
    ['rounds float8 to float4', 'double precision', 'real', ['data-loss', 'table-rewrite', 'data-dependent']],
    ['drops the time zone of a timestamptz', 'timestamptz', 'timestamp', ['data-loss', 'table-rewrite', 'data-dependent']],
    ['reads text as integer through an explicit cast', 'text', 'integer', ['data-loss', 'table-rewrite', 'data-dependent']],
  ])('%s', async (_name, fromType, toType, hazards) => {
    const result = await converge(`create table t (v ${fromType});`, `create table t (v ${toType});`, shadow);
    expect(hazardsOf(result.migration, /ALTER COLUMN v TYPE/)).toEqual(hazards);
    expect(result.migration.includes('USING')).toBe(fromType === 'text' && toType === 'integer');
    expect(result.remaining).toBe('');
  });

  it('flags a volatile default on a new column as a table rewrite, and not a stable one', async () => {
    const result = await converge('create table t (id int);',
      'create table t (id int, u uuid default gen_random_uuid(), at timestamptz default now(), n int default 1);', shadow);
    expect(hazardsOf(result.migration, /ADD COLUMN u /)).toEqual(['table-rewrite']);
    expect(hazardsOf(result.migration, /ADD COLUMN at /)).toEqual([]);
    expect(hazardsOf(result.migration, /ADD COLUMN n /)).toEqual([]);
    expect(result.remaining).toBe('');
  });
});
