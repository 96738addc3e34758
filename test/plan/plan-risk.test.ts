import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/db/split-statements.js';
import { approximateRows, byteSize } from '../../src/plan/figures.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { describeRisk, type StatementRisk } from '../../src/plan/plan-risk.js';
import { statementLock } from '../../src/plan/statement-locks.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

// Unlogged and filled by one INSERT: a million rows in a second or two, which is what makes a
// rewrite of it worth a reviewer's attention.
const PRODUCTION = `
  create unlogged table events (id int);
  insert into events select generate_series(1, 1000000);
  create table small (id int, note text);
  insert into small select g, 'n' || g from generate_series(1, 50) g;
  analyze;`;

const EVENTS = 'create unlogged table events (id int);';
const SMALL = 'create table small (id int, note text);';

let production: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  production = await createDatabase('plan_risk');
  await withConnection(production.url, (c) => runScript(c, PRODUCTION));
});
afterAll(() => production.drop());

/** The risk of the plan from production to `schema`, as plan makes it. */
async function riskOf(schema: string, options: { online?: boolean } = {}): Promise<{ risk: StatementRisk[]; text: string }> {
  const dir = await tempDir({ 'schema.sql': schema });
  try {
    const made = await makePlan({ databaseUrl: production.url, schemaPath: dir.path, shadowUrl: serverUrl(), source: 'none', now: new Date(), log: () => {}, ...options });
    return { risk: made.risk, text: made.text };
  } finally {
    await dir.remove();
  }
}

describe("a plan's risk, sized by production's tables", () => {
  it('names the rewrite of a table of a million rows under ACCESS EXCLUSIVE, with its rows and size', async () => {
    const { risk, text } = await riskOf(`create unlogged table events (id int, drawn float8 default random()); ${SMALL}`);
    expect(risk).toHaveLength(1);
    const [rewrite] = risk;
    expect(rewrite).toMatchObject({ table: 'public.events', lock: 'ACCESS EXCLUSIVE', work: 'rewrite', dataLoss: false, online: false, severity: 'high' });
    expect(rewrite!.sql).toBe('ALTER TABLE public.events ADD COLUMN drawn double precision DEFAULT random()');
    expect(text.split('\n')[rewrite!.line - 1]).toBe(`${rewrite!.sql};`);
    expect(rewrite!.size!.rows).toBeGreaterThan(900_000);
    // The table is some 35 MB: its heap alone, a page per ~226 rows of one int.
    expect(rewrite!.size!.bytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(describeRisk(rewrite!)).toMatch(/^rewrites public\.events: ~1 M rows, \d+ MB, ACCESS EXCLUSIVE for the whole rewrite$/);
  });

  it('rates the same rewrite low on a table under small_table_rows', async () => {
    const { risk } = await riskOf(`${EVENTS} create table small (id int, note text, drawn float8 default random());`);
    expect(risk.map((r) => [r.table, r.work, r.severity])).toEqual([['public.small', 'rewrite', 'low']]);
    expect(describeRisk(risk[0]!)).toMatch(/^rewrites public\.small: ~50 rows, \d+ kB, ACCESS EXCLUSIVE for the whole rewrite$/);
  });

  it('keeps the severity of data loss on a small table', async () => {
    const { risk } = await riskOf(`${EVENTS} create table small (id int);`);
    expect(risk.map((r) => [r.sql, r.lock, r.work, r.dataLoss, r.severity])).toEqual([
      ['ALTER TABLE public.small DROP COLUMN note', 'ACCESS EXCLUSIVE', 'none', true, 'high'],
    ]);
  });

  it('gives no risk line to a table the plan creates, empty when its statements run', async () => {
    const { risk, text } = await riskOf(`${EVENTS} ${SMALL} create table fresh (id int primary key, e int, drawn float8 default random() check (drawn >= 0));
      create index fresh_e on fresh (e);`);
    expect(text).toContain('CREATE INDEX fresh_e ON public.fresh');
    expect(risk).toEqual([]);
  });

  it('says where --online has a form that keeps the table writable, and what that form costs', async () => {
    const schema = `create unlogged table events (id int); create index events_id on events (id); ${SMALL}`;
    const plain = await riskOf(schema);
    expect(plain.risk.map((r) => [r.lock, r.work, r.online, r.severity])).toEqual([['SHARE', 'scan', true, 'high']]);
    expect(describeRisk(plain.risk[0]!)).toMatch(/^scans public\.events: ~1 M rows, \d+ MB, SHARE for the whole scan; `--online` would avoid it$/);
    const online = await riskOf(schema, { online: true });
    expect(online.risk.map((r) => [r.lock, r.work, r.online, r.severity])).toEqual([['SHARE UPDATE EXCLUSIVE', 'scan', false, 'low']]);
  });

  it('is printed on stderr by the plan command, a line per statement', async () => {
    const dir = await tempDir({ 'schema/app.sql': `create unlogged table events (id int, drawn float8 default random()); ${SMALL}` });
    try {
      const planned = await runCli(['plan', '--out', 'pending.sql', '--schema', path.join(dir.path, 'schema')], {
        env: { DATABASE_URL: production.url, SHADOW_DATABASE_URL: serverUrl() },
        cwd: dir.path,
      });
      expect(planned.code).toBe(0);
      expect(planned.stderr).toMatch(
        /^risk high: pending\.sql:\d+ "ALTER TABLE public\.events ADD COLUMN drawn double precision DEFAULT random\(\)" rewrites public\.events: ~1 M rows, \d+ MB, ACCESS EXCLUSIVE for the whole rewrite$/m,
      );
    } finally {
      await dir.remove();
    }
  });
});

describe('the lock of each form of statement, as PostgreSQL documents it', () => {
  it.each<[string, string | undefined, boolean?, boolean?]>([
    ['ALTER TABLE t ADD COLUMN c int', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c TYPE bigint', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c SET NOT NULL', 'ACCESS EXCLUSIVE', false, true],
    ['ALTER TABLE t ADD CONSTRAINT k CHECK (c > 0)', 'ACCESS EXCLUSIVE', true, true],
    ['ALTER TABLE t ADD CONSTRAINT k CHECK (c > 0) NOT VALID', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES p', 'SHARE ROW EXCLUSIVE', true, true],
    ['ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES p NOT VALID', 'SHARE ROW EXCLUSIVE'],
    ['ALTER TABLE t VALIDATE CONSTRAINT f', 'SHARE UPDATE EXCLUSIVE', true],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE (c)', 'ACCESS EXCLUSIVE', true, true],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX u', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (c WITH =)', 'ACCESS EXCLUSIVE', true],
    ['ALTER TABLE t ALTER COLUMN c SET STATISTICS 500', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t SET (fillfactor = 70, autovacuum_enabled = off)', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t SET (user_catalog_table = true)', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t DISABLE TRIGGER tr', 'SHARE ROW EXCLUSIVE'],
    ['ALTER TABLE t VALIDATE CONSTRAINT f, ADD COLUMN c int', 'ACCESS EXCLUSIVE', true],
    ['CREATE INDEX i ON t (c)', 'SHARE', true, true],
    ['CREATE INDEX CONCURRENTLY i ON t (c)', 'SHARE UPDATE EXCLUSIVE', true],
    ['DROP INDEX i', 'ACCESS EXCLUSIVE', false, true],
    ['DROP INDEX CONCURRENTLY i', 'SHARE UPDATE EXCLUSIVE'],
    ['DROP TABLE t', 'ACCESS EXCLUSIVE'],
    ['CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()', 'SHARE ROW EXCLUSIVE'],
    ['CREATE POLICY p ON t USING (true)', 'ACCESS EXCLUSIVE'],
    ['COMMENT ON COLUMN t.c IS \'x\'', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t RENAME COLUMN c TO d', 'ACCESS EXCLUSIVE'],
    // What a table's column or key owns is locked alone: the table's rows wait for none of these.
    ['COMMENT ON SEQUENCE t_c_seq IS \'x\'', undefined],
    ['ALTER SEQUENCE t_c_seq OWNER TO app', undefined],
    ['ALTER INDEX i RENAME TO j', undefined],
    ['GRANT SELECT ON t TO app', undefined],
  ])('%s: %s', async (sql, lock, scans = false, hasOnlineForm = false) => {
    const [statement] = await splitStatements('plan', `${sql};`);
    expect(statementLock(statement!)).toEqual(lock && { lock, scans, hasOnlineForm });
  });
});

describe('figures as a reviewer reads them', () => {
  it('rounds rows to two figures at most, and sizes to binary units', () => {
    expect([0, 50, 999, 12_345, 999_700, 1_000_000, 41_234_567, 2_100_000_000].map(approximateRows)).toEqual([
      '~0 rows', '~50 rows', '~999 rows', '~12 k rows', '~1 M rows', '~1 M rows', '~41 M rows', '~2,100 M rows',
    ]);
    expect([0, 8192, 1536 * 1024, 35 * 1024 ** 2, 12.4 * 1024 ** 3].map(byteSize)).toEqual(['0 bytes', '8 kB', '1.5 MB', '35 MB', '12 GB']);
  });
});
