import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../src/db/connect.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { loadPlan } from '../../src/plan/plan-file.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runCli, startCli } from '../support/run-cli.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';
import { startTransactionPooler } from '../support/transaction-pooler.js';

interface Scenario {
  url: string;
  dir: string;
  plan: string;
  /** Runs the CLI against the scenario's database, schema and plan, with a shadow on the test server. */
  cli(args: string[]): ReturnType<typeof runCli>;
  start(args: string[]): ReturnType<typeof startCli>;
  query<T>(sql: string): Promise<T[]>;
}

/** A database at `from`, schema/*.sql at `to`, and pending.sql planned between them. */
async function withScenario(from: string, to: string, test: (s: Scenario) => Promise<void>, online = false): Promise<void> {
  const db = await createDatabase('apply');
  const dir = await tempDir({ 'schema/schema.sql': to });
  try {
    await withConnection(db.url, (c) => runScript(c, from));
    const schemaPath = path.join(dir.path, 'schema');
    const made = await makePlan({ databaseUrl: db.url, schemaPath, shadowUrl: serverUrl(), source: 'none', now: new Date(), online, log: () => {} });
    const plan = path.join(dir.path, 'pending.sql');
    await writeFile(plan, made.text);
    const env = { DATABASE_URL: db.url, SHADOW_DATABASE_URL: serverUrl() };
    const takesPlan = (args: string[]) => ['check', 'apply'].includes(args[0]!) && !args.includes('--plan');
    const withPlan = (args: string[]) => [...args, '--schema', schemaPath, ...(takesPlan(args) ? ['--plan', plan] : [])];
    await test({
      url: db.url,
      dir: dir.path,
      plan,
      cli: (args) => runCli(withPlan(args), { env, cwd: dir.path }),
      start: (args) => startCli(withPlan(args), { env, cwd: dir.path }),
      query: (sql) => withConnection(db.url, async (c) => (await c.query<never>(sql)).rows),
    });
  } finally {
    await dir.remove();
    await db.drop();
  }
}

/** schema-bot's sessions on a database, read afresh (a transaction would see a cached pg_stat_activity). */
function sessions(database: string, condition: string): Promise<unknown[]> {
  return withConnection(serverUrl(), async (c) =>
    (await c.query(`select 1 from pg_stat_activity where datname = $1 and application_name = 'schema-bot' ${condition}`, [database])).rows);
}

/** Waits until a schema-bot session on the database waits for a lock, i.e. is inside its step. */
async function untilApplyWaits(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  for (let i = 0; i < 300; i++) {
    const rows = await sessions(name, `and wait_event_type = 'Lock'`);
    if (rows.length) return;
    await sleep(100);
  }
  throw new Error('apply never reached the blocked statement');
}

/** Waits until only the test's own session is left on the database (a killed client's backend ends too). */
async function untilApplyGone(url: string, own: Connection): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const { rows: [me] } = await own.query<{ pid: number }>('select pg_backend_pid() as pid');
  for (let i = 0; i < 300; i++) {
    const rows = await sessions(name, `and pid <> ${me!.pid}`);
    if (!rows.length) return;
    await sleep(100);
  }
  throw new Error('the killed apply session never ended');
}

/** A table with a row, then an index on it: online plans build it concurrently. */
const unindexed = 'create table t (id int, email text); insert into t values (1, $$a$$);';
const indexed = 'create table t (id int, email text); create index t_email on t (email);';
/** An open snapshot makes a concurrent build wait after it has registered its index. */
const openSnapshot = 'begin isolation level repeatable read; select count(*) from t';

const ledger = `select plan_id, steps_done, steps_total, finished_at is not null as finished, outcome from schema_bot.ledger`;
const ledgerRows = (s: Scenario) => s.query<{ steps_done: number; finished: boolean; outcome: string }>(
  `select * from (${ledger}) l where exists (select from pg_tables where schemaname = 'schema_bot')`,
).catch(() => []);
const tables = (s: Scenario) => s.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by 1`).then((r) => r.map((x) => x.t));

describe('schema-bot plan, check, apply', () => {
  it('plans, checks and applies once; applying again is a no-op', async () => {
    await withScenario('create table t (id int primary key);', 'create table t (id int primary key, email text);', async (s) => {
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: s.dir }).toString().trim();
      git('init', '-q');
      git('add', 'schema');
      git('commit', '-qm', 'schema');
      const planned = await s.cli(['plan', '--out', s.plan]);
      expect(planned.code).toBe(0);
      const text = await readFile(s.plan, 'utf8');
      expect(text).toMatch(/^-- schema-bot plan\n-- id: change-schema-\d{8}T\d{6}Z\n/);
      expect(text).toContain(`\n-- source: ${git('rev-parse', 'HEAD')}\n`);
      expect((await s.cli(['check'])).code).toBe(0);
      const first = await s.cli(['apply']);
      expect(first.stderr).toContain(': applied');
      expect(first.code).toBe(0);
      const again = await s.cli(['apply']);
      expect(again.stderr).toContain('already applied');
      expect(again.code).toBe(0);
      expect(await s.query(ledger)).toMatchObject([{ steps_done: 1, steps_total: 1, finished: true, outcome: 'applied' }]);
      const replan = await s.cli(['plan', '--out', s.plan, '--detailed-exitcode']);
      expect(replan.stderr).toContain('no changes');
      expect(replan.code).toBe(0);
    });
  });

  it('records a plan someone already ran by hand, as production has the target', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      await withConnection(s.url, async (c) => runScript(c, await readFile(s.plan, 'utf8')));
      const result = await s.cli(['apply']);
      expect(result.stderr).toContain('already at target');
      expect(result.code).toBe(0);
      expect(await s.query(ledger)).toMatchObject([{ finished: true, outcome: 'already at target' }]);
    });
  });

  it('killed mid-transaction applies nothing, and a rerun applies once', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text); create table u (id int);', async (s) => {
      const blocker = await connect(s.url);
      try {
        await blocker.exec('begin; lock table t in access share mode');
        const { child, done } = s.start(['apply', '--lock-timeout', '60s']);
        await untilApplyWaits(s.url);
        child.kill('SIGKILL');
        expect((await done).signal).toBe('SIGKILL');
        await blocker.exec('rollback');
        await untilApplyGone(s.url, blocker);
      } finally {
        await blocker.close();
      }
      expect(await tables(s)).toEqual(['t']);
      expect(await ledgerRows(s)).toEqual([]);
      const rerun = await s.cli(['apply']);
      expect(rerun.stderr).toContain(': applied');
      expect(await tables(s)).toEqual(['t', 'u']);
      expect(await s.query(ledger)).toMatchObject([{ finished: true, outcome: 'applied' }]);
    });
  });

  it('killed while a statement that stands alone waits leaves it undone or recorded, and a rerun adds each value once', async () => {
    const from = `create type mood as enum ('a'); create table t (id int);`;
    const to = `create type mood as enum ('a', 'b', 'c'); create table t (id int, m mood default 'c');`;
    await withScenario(from, to, async (s) => {
      expect(await readFile(s.plan, 'utf8')).toMatch(/\nALTER TYPE public\.mood ADD VALUE 'b'.*;\n/);
      const blocker = await connect(s.url);
      try {
        // ADD VALUE holds the type's lock until commit, so this makes apply's ADD VALUE wait.
        await blocker.exec(`begin; alter type mood add value 'z'`);
        const { child, done } = s.start(['apply', '--lock-timeout', '60s']);
        await untilApplyWaits(s.url);
        child.kill('SIGKILL');
        await done;
        await blocker.exec('rollback');
        await untilApplyGone(s.url, blocker);
      } finally {
        await blocker.close();
      }
      const rerun = await s.cli(['apply']);
      expect(rerun.code).toBe(0);
      expect(await s.query(`select array_agg(enumlabel order by enumsortorder)::text as v from pg_enum`)).toEqual([{ v: '{a,b,c}' }]);
      expect(await s.query(ledger)).toMatchObject([{ finished: true, outcome: 'applied' }]);
    });
  });

  it('killed inside CREATE INDEX CONCURRENTLY drops the invalid leftover and builds the index again', async () => {
    await withScenario(unindexed, indexed, async (s) => {
      const reader = await connect(s.url);
      try {
        await reader.exec(openSnapshot);
        const { child, done } = s.start(['apply']);
        await untilApplyWaits(s.url);
        child.kill('SIGKILL');
        await done;
        await untilApplyGone(s.url, reader);
        await reader.exec('rollback');
      } finally {
        await reader.close();
      }
      expect(await s.query('select indisvalid as valid from pg_index where indexrelid = $$t_email$$::regclass')).toEqual([{ valid: false }]);
      const rerun = await s.cli(['apply']);
      expect(rerun.stderr).toContain('left INVALID by the interrupted build');
      expect(rerun.code).toBe(0);
      expect(await s.query('select indisvalid as valid from pg_index where indexrelid = $$t_email$$::regclass')).toEqual([{ valid: true }]);
    }, true);
  });

  it('lets exactly one of two simultaneous appliers apply', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      const results = await Promise.all([s.cli(['apply']), s.cli(['apply'])]);
      expect(results.map((r) => r.code)).toEqual([0, 0]);
      const outcomes = results.map((r) => /: (applied|already applied)\n/.exec(r.stderr)?.[1]).sort();
      expect(outcomes).toEqual(['already applied', 'applied']);
    });
  });

  it('gives up on a lock a reader holds after bounded retries, leaving nothing half-done', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text); create table u (id int);', async (s) => {
      const reader = await connect(s.url);
      try {
        await reader.exec('begin; select * from t');
        const result = await s.cli(['apply', '--lock-timeout', '100ms', '--lock-retries', '1']);
        expect(result.stderr).toContain('retrying in 1000 ms (1/1)');
        expect(result.stderr).toMatch(/still locked after 2 attempt\(s\) with lock_timeout 100ms; the step was rolled back\n$/);
        expect(result.code).toBe(6);
      } finally {
        await reader.close();
      }
      expect(await tables(s)).toEqual(['t']);
      expect(await ledgerRows(s)).toEqual([]);
    });
  });

  it('refuses a database altered by hand after planning and shows the drift as SQL', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      await s.query('alter table t add column by_hand int');
      for (const command of ['check', 'apply']) {
        const result = await s.cli([command]);
        expect(result.code).toBe(3);
        expect(result.stdout).toContain('ALTER TABLE public.t DROP COLUMN by_hand;');
        expect(result.stderr.trim().split('\n').pop()).toMatch(/production has changed since change-schema-\S+ was planned/);
      }
      expect(await s.query(`select count(*)::int as n from information_schema.columns where column_name = 'a'`)).toEqual([{ n: 0 }]);
    });
  });

  it('checks and applies a plan a reviewer gave a backfill, once it is marked and allowed', async () => {
    await withScenario('create table t (id int, n int); insert into t values (1, null), (2, 5);', 'create table t (id int, n int not null);', async (s) => {
      const text = await readFile(s.plan, 'utf8');
      const backfilled = text.replace(/^(ALTER TABLE public\.t ALTER COLUMN n SET NOT NULL;)$/m, 'UPDATE public.t SET n = 0 WHERE n IS NULL;\n$1');
      await writeFile(s.plan, backfilled);
      const unmarked = await s.cli(['check']);
      expect(unmarked.stderr).toMatch(/pending\.sql:\d+: "UPDATE public\.t SET n = 0 WHERE n IS NULL" updates rows of public\.t, but is not marked "-- hazard data-change: …" above it/);
      expect(unmarked.code).toBe(1);
      await writeFile(s.plan, backfilled
        .replace(/^-- hazards: (.*)$/m, (_, h: string) => `-- hazards: ${h === 'none' ? '' : `${h}, `}data-change 1`)
        .replace(/^UPDATE public\.t/m, '-- hazard data-change: fills the NULLs the NOT NULL refuses\nUPDATE public.t'));
      expect((await s.cli(['check'])).code).toBe(0);
      const refused = await s.cli(['apply']);
      expect(refused.stderr).toMatch(/the plan changes data \(\S*pending\.sql:\d+ updates rows of public\.t\); nothing applied \(pass --allow-hazards data-change once approved\)/);
      expect(refused.code).toBe(5);
      expect((await s.cli(['apply', '--allow-hazards', 'data-change'])).code).toBe(0);
      expect(await s.query('select id, n from t order by id')).toEqual([{ id: 1, n: 0 }, { id: 2, n: 5 }]);
    });
  });

  it('fails check and refuses apply for a plan edited so it no longer converges', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      const text = await readFile(s.plan, 'utf8');
      await writeFile(s.plan, text.replace('COMMIT;', 'ALTER TABLE public.t ADD COLUMN extra int;\nCOMMIT;'));
      const check = await s.cli(['check']);
      expect(check.code).toBe(4);
      expect(check.stdout).toContain('ALTER TABLE public.t DROP COLUMN extra;');
      const apply = await s.cli(['apply']);
      expect(apply.stderr).toMatch(/does not reach its target when rehearsed .*; nothing applied/);
      expect(apply.code).toBe(4);
      expect(await s.query(`select count(*)::int as n from information_schema.columns where table_name = 't'`)).toEqual([{ n: 1 }]);
    });
  });

  it('says so when the connection goes through a transaction-pooling proxy, and applies nothing', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      const server = new URL(s.url);
      const pooler = await startTransactionPooler({ host: server.hostname, port: Number(server.port || 5432) });
      try {
        const pooled = new URL(s.url);
        pooled.port = String(pooler.port);
        const result = await s.cli(['apply', '--database-url', pooled.toString()]);
        expect(result.stderr).toMatch(/the connection goes through a transaction-pooling proxy \(server session \d+ became \d+\)/);
        expect(result.code).toBe(1);
      } finally {
        await pooler.close();
      }
      expect(await tables(s)).toEqual(['t']);
      expect(await s.query(`select count(*)::int as n from information_schema.columns where table_name = 't'`)).toEqual([{ n: 1 }]);
    });
  });

  it('refuses data loss without --allow-hazards data-loss', async () => {
    await withScenario('create table t (id int, legacy text);', 'create table t (id int);', async (s) => {
      const refused = await s.cli(['apply']);
      expect(refused.stderr).toMatch(/the plan deletes data \(\S*pending\.sql:\d+ drops column public\.t\.legacy and its data\); nothing applied \(pass --allow-hazards data-loss once approved\)/);
      expect(refused.code).toBe(5);
      expect((await s.cli(['apply', '--allow-hazards', 'data-loss'])).code).toBe(0);
      expect(await s.query(`select count(*)::int as n from information_schema.columns where table_name = 't'`)).toEqual([{ n: 1 }]);
    });
  });

  it('answers bad input with one line, a non-zero exit and nothing applied', async () => {
    await withScenario('create table t (id int);', 'create table t (id int, a text);', async (s) => {
      const text = await readFile(s.plan, 'utf8');
      const other = await createDatabase('other');
      try {
        await withConnection(other.url, (c) => c.exec('create table t (id int)'));
        const cases: [string[], RegExp][] = [
          [['apply', '--plan', path.join(s.dir, 'missing.sql')], /cannot read .*missing\.sql: no such file/],
          [['apply', '--database-url', other.url], new RegExp(`planned for database "${new URL(s.url).pathname.slice(1)}", not "${other.name}"; nothing applied`)],
          [['apply', '--database-url', 'postgres://bot:s3cret@127.0.0.1:1/app'], /cannot connect to postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/app/],
        ];
        await writeFile(path.join(s.dir, 'bad.sql'), text.replace(/-- target: .*/, '-- target: tbd'));
        cases.push([['apply', '--plan', path.join(s.dir, 'bad.sql')], /bad\.sql:5: target must be sha256:/]);
        for (const [args, error] of cases) {
          const result = await s.cli(args);
          expect(result.stderr).toMatch(error);
          expect(result.stderr).not.toContain('s3cret');
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
          expect(result.code).toBe(1);
        }
      } finally {
        await other.drop();
      }
      expect(await s.query(`select count(*)::int as n from information_schema.columns where table_name = 't'`)).toEqual([{ n: 1 }]);
    });
  });

  it('syncs a development database in one step, refusing data loss unless allowed as apply allows it', async () => {
    await withScenario('create table t (id int, legacy text);', 'create table t (id int, a text);', async (s) => {
      const refused = await s.cli(['sync']);
      expect(refused.stdout).toContain('-- hazard data-loss:');
      expect(refused.stderr).toContain('pass --allow-hazards data-loss');
      expect(refused.code).toBe(5);
      const synced = await s.cli(['sync', '--allow-hazards', 'data-loss']);
      expect(synced.code).toBe(0);
      expect((await s.cli(['sync'])).stderr).toContain('no changes');
      expect(await s.query(`select column_name as c from information_schema.columns where table_name = 't' order by 1`)).toEqual([{ c: 'a' }, { c: 'id' }]);
    });
  });

  it('still takes --allow-data-loss, the older spelling, on sync', async () => {
    await withScenario('create table t (id int, legacy text);', 'create table t (id int);', async (s) => {
      expect((await s.cli(['sync', '--allow-data-loss'])).code).toBe(0);
      expect(await s.query(`select column_name as c from information_schema.columns where table_name = 't' order by 1`)).toEqual([{ c: 'id' }]);
    });
  });
});

/** Resolves once the process has printed `text` on stderr; fails if it ends first, or kills it after a minute. */
function untilPrinted(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let printed = '';
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr!.on('data', (d) => {
      printed += d;
      if (!printed.includes(text)) return;
      clearTimeout(deadline);
      resolve();
    });
    child.on('close', () => {
      clearTimeout(deadline);
      reject(new Error(`the process ended without printing "${text}":\n${printed}`));
    });
  });
}

describe('schema-bot apply, statements that cannot be rolled back', () => {
  // A procedure that commits its row, then sleeps where production has a gate row (the shadow
  // that rehearses the plan has none, so it does not sleep there).
  const schema = `create table t (id int); create table done (n int); create table gate (g int);
    create procedure work() language plpgsql as $$
    begin insert into done values (1); commit; perform pg_sleep(60) from gate; end $$;`;
  // What a CALL does cannot be verified: the gate wants it allowed.
  const allowCall = ['--allow-hazards', 'unverifiable'];

  it('never runs a CALL that commits twice: killed during it, the rerun stops and names it; --resume-after-step goes on', async () => {
    await withScenario(`${schema} insert into gate values (1);`, schema.replace('t (id int)', 't (id int, a text)'), async (s) => {
      await writeFile(s.plan, `${await readFile(s.plan, 'utf8')}CALL public.work();\n`);
      const step = (await loadPlan(s.plan)).steps.findIndex((st) => st.commitsItself) + 1;
      const rows = async () => (await s.query<{ n: number }>('select count(*)::int as n from done'))[0]!.n;
      const watcher = await connect(s.url);
      try {
        const { child, done } = s.start(['apply', ...allowCall]);
        for (let i = 0; i < 300 && (await rows()) === 0; i++) await sleep(100);
        expect(await rows()).toBe(1);
        child.kill('SIGKILL');
        await done;
        await untilApplyGone(s.url, watcher);
      } finally {
        await watcher.close();
      }
      const rerun = await s.cli(['apply', ...allowCall]);
      expect(rerun.stderr).toContain(`stopped during step ${step} (CALL public.work()), which commits on its own`);
      expect(rerun.stderr).toContain(`schema-bot apply --resume-after-step ${step}`);
      expect(rerun.code).toBe(1);
      expect(await rows()).toBe(1);
      const wrong = await s.cli(['apply', ...allowCall, '--resume-after-step', String(step - 1)]);
      expect(wrong.stderr).toMatch(new RegExp(`--resume-after-step ${step - 1} does not fit change-schema-\\S+: step ${step} \\(CALL`));
      expect(wrong.code).toBe(1);
      const resumed = await s.cli(['apply', ...allowCall, '--resume-after-step', String(step)]);
      expect(resumed.stderr).toContain(': applied');
      expect(resumed.code).toBe(0);
      expect(await rows()).toBe(1);
      expect(await s.query(ledger)).toMatchObject([{ finished: true, outcome: 'applied' }]);
    });
  }, 120_000);
});

describe('schema-bot commands, bounded lock waits', () => {
  const from = 'create table t (id int primary key, e text); create index t_e on t (e);';
  const to = 'create table t (id int primary key, e text, a text); create index t_e on t (e);';

  it('gives up reading the catalog behind ACCESS EXCLUSIVE with exit 6, naming the table and the holder, in apply, diff and check', async () => {
    await withScenario(from, to, async (s) => {
      const holder = await connect(s.url);
      try {
        const { pid } = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
        await holder.exec('begin; lock table t in access exclusive mode');
        const named = `the catalog read waited behind public.t, locked (ACCESS EXCLUSIVE) by pid ${pid}`;
        const apply = await s.cli(['apply', '--lock-timeout', '1s', '--lock-retries', '1']);
        expect(apply.stderr).toContain(named);
        expect(apply.stderr).toContain('still locked after 2 attempt(s) with lock_timeout 1s');
        expect(apply.code).toBe(6);
        // Without a lock_timeout setting they wait 5 s a time, retried 3 times: together, not in turn.
        for (const result of await Promise.all([s.cli(['diff']), s.cli(['check'])])) {
          expect(result.stderr).toContain(named);
          expect(result.code).toBe(6);
        }
      } finally {
        await holder.close();
      }
      expect(await s.query(`select count(*)::int as n from information_schema.columns where table_name = 't'`)).toEqual([{ n: 2 }]);
    });
  }, 180_000);

  it('reads the catalog once the lock is given up during the retries', async () => {
    await withScenario(from, to, async (s) => {
      const holder = await connect(s.url);
      try {
        await holder.exec('begin; lock table t in access exclusive mode');
        const { child, done } = s.start(['apply', '--lock-timeout', '1s', '--lock-retries', '3']);
        await untilPrinted(child, 'retrying in 1000 ms (1/3)');
        await holder.exec('rollback');
        const result = await done;
        expect(result.stderr).toContain(': applied');
        expect(result.code).toBe(0);
      } finally {
        await holder.close();
      }
    });
  }, 120_000);

  it('lets CREATE INDEX CONCURRENTLY wait for an old transaction beyond lock_timeout, printing its progress', async () => {
    await withScenario(unindexed, indexed, async (s) => {
      const reader = await connect(s.url);
      try {
        await reader.exec(openSnapshot);
        const { child, done } = s.start(['apply', '--lock-timeout', '1s', '--lock-retries', '0', '--index-wait-timeout', '10min']);
        // How many transactions it waits for depends on who else was busy as it started (the watcher, say).
        await untilPrinted(child, 'index build: waiting for old snapshots, transactions ');
        await reader.exec('rollback');
        const result = await done;
        expect(result.stderr).not.toContain('retrying');
        expect(result.code).toBe(0);
      } finally {
        await reader.close();
      }
      expect(await s.query('select indisvalid as valid from pg_index where indexrelid = $$t_email$$::regclass')).toEqual([{ valid: true }]);
    }, true);
  }, 120_000);
});
