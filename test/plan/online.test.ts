import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/apply/check-plan.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { parsePlan } from '../../src/plan/plan-file.js';
import { diffAgainst, SHADOW_KINDS, type ShadowKind } from '../support/converge.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

const FROM = `
  create table p (id int primary key);
  create table t (id int, n int, email text, ref int, code text, other int);
  create index t_old on t (other);
  insert into p values (1);
  insert into t values (1, 1, 'a', 1, 'x', 1);
  create table u (id int, constraint u_key unique (id));
  insert into u values (1);`;

const TO = `
  create table p (id int primary key);
  create table t (id int, n int not null, email text, ref int references p, code text, other int,
    constraint t_pkey primary key (id), constraint t_code unique (code) include (email), constraint t_n_pos check (n > 0));
  create index t_email on t (email);
  create table fresh (id int primary key, t_id int references p);
  create index fresh_t on fresh (t_id);
  create table u (id int, b int, constraint u_key unique (id, b));`;

/** Plans `from` → `to` with --online, runs the plan as psql would, and diffs again. */
async function onlineConvergence(shadow: ShadowKind, proof?: (url: string, schemaPath: string, text: string) => Promise<void>, from = FROM, to = TO) {
  const db = await createDatabase('online');
  const dir = await tempDir({ 'schema.sql': to });
  try {
    await withConnection(db.url, (c) => runScript(c, from));
    const shadowUrl = shadow === 'server' ? serverUrl() : undefined;
    const made = await makePlan({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl, source: 'none', now: new Date(), online: true, log: () => {} });
    await proof?.(db.url, dir.path, made.text);
    await withConnection(db.url, (c) => runScript(c, made.text, 'pending.sql'));
    return { plan: made.text, remaining: await diffAgainst(db.url, to, shadow) };
  } finally {
    await dir.remove();
    await db.drop();
  }
}

describe('plan --online', () => {
  it.each(SHADOW_KINDS)('rewrites into online patterns on tables with rows and converges (%s shadow)', async (shadow) => {
    const proveWithCheck = async (url: string, schemaPath: string, text: string) =>
      void await checkPlan({ databaseUrl: url, schemaPath, shadowUrl: serverUrl(), plan: await parsePlan(text, 'pending.sql'), log: () => {} });
    const { plan, remaining } = await onlineConvergence(shadow, shadow === 'server' ? proveWithCheck : undefined);
    const lines = plan.split('\n');
    for (const expected of [
      'CREATE INDEX CONCURRENTLY t_email ON public.t USING btree (email);',
      'DROP INDEX CONCURRENTLY public.t_old;',
      'ALTER TABLE public.t ADD CONSTRAINT t_ref_fkey FOREIGN KEY (ref) REFERENCES public.p(id) NOT VALID;',
      'ALTER TABLE public.t VALIDATE CONSTRAINT t_ref_fkey;',
      'ALTER TABLE public.t ADD CONSTRAINT t_n_pos CHECK ((n > 0)) NOT VALID;',
      'CREATE UNIQUE INDEX CONCURRENTLY t_code ON public.t USING btree (code) INCLUDE (email);',
      'ALTER TABLE public.t ADD CONSTRAINT t_code UNIQUE USING INDEX t_code;',
      'ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey;',
      'ALTER TABLE public.t ADD CONSTRAINT n_not_null_schema_bot CHECK (n IS NOT NULL) NOT VALID;',
      'ALTER TABLE public.t VALIDATE CONSTRAINT n_not_null_schema_bot;',
      // Built once the key of the same name is gone and the column it reads is there.
      'CREATE UNIQUE INDEX CONCURRENTLY u_key ON public.u USING btree (id, b);',
      // A table the plan creates is empty: its index and keys stay plain, inside the transaction.
      'CREATE INDEX fresh_t ON public.fresh USING btree (t_id);',
    ]) expect(lines).toContain(expected);
    expect(plan).not.toMatch(/^-- hazard (blocking-index|full-scan-under-lock|constraint-index-lock)/m);
    expect(remaining).toBe('');
  });

  // Renaming what a detached partition kept of its parent's index and check makes the table's
  // index and check, but builds and validates nothing: there is nothing to do concurrently.
  it.each(SHADOW_KINDS)('leaves statements it has no online form for as they are (%s shadow)', async (shadow) => {
    const parent = 'create table m (k text, v int check (v > 0)) partition by list (k); create index m_v on m (v);';
    const { plan, remaining } = await onlineConvergence(
      shadow,
      undefined,
      `${parent} create table p1 partition of m for values in ('a'); insert into m values ('a', 1);`,
      `${parent} create table p1 (k text, v int constraint p1_v_check check (v > 0)); create index p1_v on p1 (v);`,
    );
    const inTransaction = plan.slice(0, plan.indexOf('COMMIT;')).split('\n');
    expect(inTransaction).toContain('ALTER INDEX public.p1_v_idx RENAME TO p1_v;');
    expect(inTransaction).toContain('ALTER TABLE public.p1 RENAME CONSTRAINT m_v_check TO p1_v_check;');
    expect(remaining).toBe('');
  });
});
