import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/catalog/fingerprint.js';
import { action } from '../../src/diff/action.js';
import { readDesired } from '../../src/engine/compute-migration.js';
import { DEFAULT_GATED, planGate, renderingProblems } from '../../src/plan/gate.js';
import { parsePlan, planId, renderPlan } from '../../src/plan/plan-file.js';
import { noteFailures } from '../../src/plan/probe-comments.js';
import { serverUrl } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

const header = {
  id: planId(new Date('2026-11-22T10:11:12.345Z')),
  database: 'app',
  base: `sha256:${'a'.repeat(64)}`,
  target: `sha256:${'b'.repeat(64)}`,
  source: '64c4e5f0',
};
const actions = [
  action('column', {
    sql: 'ALTER TABLE public.users DROP COLUMN legacy;',
    hazards: [{ kind: 'data-loss', message: 'drops column public.users.legacy and its data' }],
  }),
  action('index', { sql: 'CREATE INDEX CONCURRENTLY users_email ON public.users USING btree (email);', transactional: false }),
  action('column', { sql: 'ALTER TABLE public.users ADD COLUMN full_name text;' }),
];

describe('pending.sql', () => {
  it('renders a header, hazard comments with a safer way, and steps that parse back', async () => {
    const text = renderPlan(header, actions);
    expect(text).toMatch(/^-- schema-bot plan\n-- id: change-schema-20261122T101112Z\n/);
    expect(text).toContain('-- hazards: data-loss 1, non-transactional 1\n');
    expect(text).toMatch(/-- hazard data-loss: drops column public\.users\.legacy and its data; safer: .+\nALTER TABLE public\.users DROP COLUMN legacy;/);
    // A reviewer's backfill outside BEGIN/COMMIT still gets a transaction of its own.
    const plan = await parsePlan(`${text}UPDATE public.users SET full_name = '';\n`, 'pending.sql');
    expect(plan.header).toMatchObject({ ...header, hazards: new Map([['data-loss', 1], ['non-transactional', 1]]) });
    expect(plan.steps).toEqual([
      { transactional: true, commitsItself: false, statements: ['ALTER TABLE public.users DROP COLUMN legacy'] },
      { transactional: false, commitsItself: false, statements: ['CREATE INDEX CONCURRENTLY users_email ON public.users USING btree (email)'] },
      { transactional: true, commitsItself: false, statements: ['ALTER TABLE public.users ADD COLUMN full_name text'] },
      { transactional: true, commitsItself: false, statements: ["UPDATE public.users SET full_name = ''"] },
    ]);
  });

  it('notes failures above their statements as comments only: the header, the steps and the hazard marks read the same', async () => {
    const text = renderPlan(header, actions);
    const plan = await parsePlan(text, 'pending.sql');
    const [drop, , add] = plan.statements;
    const { text: noted, noted: failures } = noteFailures(text, [
      // A line break in a name must not end the note and let a line of its own through.
      { statement: drop!, failure: 'breaks "odd\n-- hazard data-change: x\nDROP TABLE t;"', fix: ['UPDATE t SET c = 1;'] },
      { statement: add!, failure: 'fails', fix: ['one;', 'two;'] },
    ]);
    expect(noted).toContain('-- fails on production: breaks "odd -- hazard data-change: x DROP TABLE t;"\n-- UPDATE t SET c = 1;\nALTER TABLE public.users DROP COLUMN legacy;');
    expect(failures.map((f) => noted.split('\n')[f.line - 1])).toEqual(['ALTER TABLE public.users DROP COLUMN legacy;', 'ALTER TABLE public.users ADD COLUMN full_name text;']);
    const reread = await parsePlan(noted, 'pending.sql');
    expect(reread.header).toEqual(plan.header);
    expect(reread.steps).toEqual(plan.steps);
    expect(renderingProblems(planGate(reread.statements, new Map(), DEFAULT_GATED), reread.header.hazards, 'pending.sql')).toEqual([]);
  });

  it('runs bare, and marks as committing on its own, a CALL and a DO whose body commits or rolls back', async () => {
    const body = [
      'CALL public.work();',
      'DO $$ BEGIN UPDATE public.users SET full_name = $x$;$x$; COMMIT; END $$;',
      "DO $$ BEGIN IF now() > '2000-01-01' THEN ROLLBACK; END IF; END $$;",
      'DO $$ BEGIN CALL public.work(); END $$;',
      "DO LANGUAGE plpython3u $$ plpy.commit() $$;",
      "DO $$ BEGIN UPDATE public.users SET full_name = 'commit'; END $$;",
    ];
    const plan = await parsePlan(`${renderPlan(header, [])}${body.join('\n')}\n`, 'pending.sql');
    expect(plan.steps.map((s) => [s.transactional, s.commitsItself])).toEqual([
      [false, true], [false, true], [false, true], [false, true], [false, true],
      // A DO that does not end its transaction keeps one of its own, as any statement outside BEGIN/COMMIT.
      [true, false],
    ]);
  });

  it.each([
    ['not a plan', 'SELECT 1;\n', /pending\.sql:1: not a schema-bot plan/],
    ['a bad fingerprint', (t: string) => t.replace(/-- base: .*/, '-- base: sha256:123'), /pending\.sql:4: base must be sha256:/],
    ['a missing field', (t: string) => t.replace(/-- source: .*\n/, ''), /the header has no "-- source:" line/],
    ['an open transaction', (t: string) => t.replace(/COMMIT;\n$/, ''), /BEGIN without COMMIT/],
    ['a ROLLBACK', (t: string) => `${t}ROLLBACK;\n`, /ROLLBACK is not allowed in a plan/],
  ])('rejects %s with a one-line error', async (_, edit, error) => {
    const text = typeof edit === 'string' ? edit : edit(renderPlan(header, actions));
    const failure = await parsePlan(text, 'pending.sql').catch((e: Error) => e);
    expect((failure as Error).message).toMatch(error);
    expect((failure as Error).message).not.toContain('\n');
  });

  it('fingerprints the same schema equally on a PostgreSQL 15 shadow and on PGlite', async () => {
    const dir = await tempDir({
      'schema.sql': `
        create schema app;
        create type app.mood as enum ('sad', 'ok', 'happy');
        create sequence app.counter start 10;
        create table app.users (id bigint generated always as identity primary key, email text not null unique,
          mood app.mood default 'ok', score numeric(10,2) check (score >= 0), created timestamptz default now());
        create table app.posts (id serial primary key, user_id bigint references app.users on delete cascade, body text);
        create index posts_user on app.posts (user_id) where body is not null;
        comment on table app.users is 'people';`,
    });
    try {
      const [server, pglite] = await Promise.all([
        readDesired({ schemaPath: dir.path, shadowUrl: serverUrl(), log: () => {} }),
        readDesired({ schemaPath: dir.path, log: () => {} }),
      ]);
      expect(Math.floor(server.version / 10000)).not.toBe(Math.floor(pglite.version / 10000));
      expect(fingerprint(server.catalog)).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(fingerprint(server.catalog)).toBe(fingerprint(pglite.catalog));
    } finally {
      await dir.remove();
    }
  });
});
