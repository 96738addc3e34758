import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const parentAndChild = `
  create table p (id int primary key, code text);
  create table c (id int primary key, pid int);`;

describe.each(SHADOW_KINDS)('constraints through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates tables with every kind of constraint', 'create extension btree_gist;', `
      create extension btree_gist;
      create table p (id int primary key, code text unique, k int, constraint p_k_key unique nulls not distinct (k));
      create table c (
        id int, pid int references p on delete cascade on update set null deferrable initially deferred,
        pcode text, r int4range,
        constraint c_code_fkey foreign key (pcode) references p (code) match full not valid,
        constraint positive check (id > 0 and pcode <> 'x') no inherit,
        constraint no_overlap exclude using gist (pid with =, r with &&) where (id > 0));`, ['ALTER TABLE ADD CONSTRAINT', 'CREATE TABLE']],
    ['adds constraints to existing tables', parentAndChild + `alter table c drop constraint c_pkey;`, `
      create table p (id int primary key, code text unique);
      create table c (id int primary key, pid int references p on delete set null (pid), check (pid <> id));`, ['ALTER TABLE ADD CONSTRAINT']],
    ['drops constraints', `
      create table p (id int primary key, code text unique);
      create table c (id int, pid int references p, constraint chk check (id > 0));`, `
      create table p (id int, code text);
      create table c (id int, pid int);`, ['ALTER TABLE ALTER COLUMN', 'ALTER TABLE DROP CONSTRAINT']],
    ['changes a check and a foreign key action', `
      create table p (id int primary key);
      create table c (pid int references p on delete cascade, constraint chk check (pid > 0));`, `
      create table p (id int primary key);
      create table c (pid int references p on delete restrict, constraint chk check (pid > 1));`,
      ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT']],
    ['validates a constraint that production has NOT VALID', `
      create table p (id int primary key);
      create table c (pid int, n int);
      alter table c add constraint c_pid_fkey foreign key (pid) references p not valid;
      alter table c add constraint chk check (n > 0) not valid;`, `
      create table p (id int primary key);
      create table c (pid int references p, n int constraint chk check (n > 0));`, ['ALTER TABLE VALIDATE CONSTRAINT']],
    ['changes the deferrability of a foreign key and of a unique key', `
      create table p (id int primary key, code text unique);
      create table c (pid int references p);`, `
      create table p (id int primary key, code text unique deferrable);
      create table c (pid int references p deferrable initially deferred);`,
      ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE ALTER CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT']],
    ['creates self and mutually referencing tables', '', `
      create table node (id int primary key, parent int references node);
      create table a (id int primary key, b_id int);
      create table b (id int primary key, a_id int references a);
      alter table a add constraint a_b_fkey foreign key (b_id) references b;`, ['ALTER TABLE ADD CONSTRAINT', 'CREATE TABLE']],
    ['changes a primary key that a foreign key depends on', `
      create table p (id int primary key, v int not null);
      create table c (pid int references p (id));`, `
      create table p (id int, v int not null, primary key (id) with (fillfactor = 80));
      create table c (pid int references p (id));`, ['ALTER INDEX', 'ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE DROP CONSTRAINT']],
    ['moves a foreign key from a unique key to the primary key', `
      create table p (id int unique);
      create table c (pid int references p (id));`, `
      create table p (id int primary key);
      create table c (pid int references p (id));`, ['ALTER TABLE ADD CONSTRAINT', 'ALTER TABLE ALTER COLUMN', 'ALTER TABLE DROP CONSTRAINT']],
    ['drops a primary key with a nullable column', 'create table t (id int primary key);', 'create table t (id int);',
      ['ALTER TABLE ALTER COLUMN', 'ALTER TABLE DROP CONSTRAINT']],
    ['quotes names', '', `
      create table "Order Items" ("Id" int constraint "Primary Key" primary key, "select" int,
        constraint "check.it" check ("select" > 0));
      create table "My.Refs" (r int constraint "fk""quoted" references "Order Items");`, ['ALTER TABLE ADD CONSTRAINT', 'CREATE TABLE']],
    ['keeps a partitioned table\'s key and check on the parent', '', `
      create table m (a int, b int, primary key (a, b), constraint m_b check (b > 0)) partition by range (a);
      create table m1 partition of m for values from (1) to (10);
      create table r (a int, b int, foreign key (a, b) references m);`, ['ALTER TABLE ADD CONSTRAINT', 'CREATE TABLE']],
    ['drops the tables of a foreign key to a partitioned table', `
      create table m (a int primary key) partition by range (a);
      create table m1 partition of m for values from (1) to (10);
      create table m2 partition of m for values from (10) to (20);
      create table r (a int constraint r_fk references m);`, '', ['DROP TABLE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('validates in place and leaves a validated constraint alone where the target has it NOT VALID', async () => {
    const validate = await converge(`
      create table t (n int);
      alter table t add constraint chk check (n > 0) not valid;`, 'create table t (n int constraint chk check (n > 0));', shadow);
    expect(validate.migration).toContain('ALTER TABLE public.t VALIDATE CONSTRAINT chk;');
    expect(validate.migration).not.toContain('DROP CONSTRAINT');
    const keep = await converge('create table t (n int constraint chk check (n > 0));', `
      create table t (n int);
      alter table t add constraint chk check (n > 0) not valid;`, shadow);
    expect(keep.migration).toBe('');
    expect(keep.remaining).toBe('');
  });

  it('alters a foreign key\'s deferrability in place', async () => {
    const result = await converge(parentAndChild + 'alter table c add constraint fk foreign key (pid) references p;',
      parentAndChild + 'alter table c add constraint fk foreign key (pid) references p deferrable initially deferred;', shadow);
    expect(result.migration).toContain('ALTER TABLE public.c ALTER CONSTRAINT fk DEFERRABLE INITIALLY DEFERRED;');
    expect(result.migration).not.toContain('DROP CONSTRAINT');
    expect(result.remaining).toBe('');
  });

  it('recreates the foreign keys around a primary key it replaces', async () => {
    const result = await converge(`
      create table p (id int primary key);
      create table c (pid int constraint fk references p);`, `
      create table p (id int, primary key (id) include (id2), id2 int);
      create table c (pid int constraint fk references p);`, shadow);
    const lines = result.migration.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('DROP CONSTRAINT fk')).toBeGreaterThan(-1);
    expect(at('DROP CONSTRAINT fk')).toBeLessThan(at('DROP CONSTRAINT p_pkey'));
    expect(at('ADD CONSTRAINT p_pkey')).toBeLessThan(at('ADD CONSTRAINT fk'));
    expect(result.remaining).toBe('');
  });

  it('names the hazards of adding and dropping constraints on tables with rows', async () => {
    const result = await converge(`
      create table p (id int primary key, code text unique);
      create table c (pid int, n int);`, `
      create table p (id int primary key, code text);
      create table c (pid int references p, n int check (n > 0), unique (n));
      alter table c add constraint later check (n < 100) not valid;`, shadow);
    const hazardsOf = (text: string) => {
      const lines = result.migration.split('\n');
      const hazards: string[] = [];
      for (let i = lines.findIndex((l) => l.includes(text)) - 1; i >= 0 && lines[i]!.startsWith('-- hazard '); i--) {
        hazards.push(lines[i]!.split(' ')[2]!.replace(':', ''));
      }
      return hazards.sort();
    };
    expect(hazardsOf('DROP CONSTRAINT p_code_key')).toEqual(['breaking-change']);
    expect(hazardsOf('ADD CONSTRAINT c_pid_fkey')).toEqual(['data-dependent', 'fk-lock', 'full-scan-under-lock']);
    expect(hazardsOf('ADD CONSTRAINT c_n_check')).toEqual(['data-dependent', 'full-scan-under-lock']);
    expect(hazardsOf('ADD CONSTRAINT c_n_key')).toEqual(['constraint-index-lock', 'data-dependent']);
    expect(hazardsOf('ADD CONSTRAINT later')).toEqual([]);
    expect(result.remaining).toBe('');
  });
});
