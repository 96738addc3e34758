import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { testRoles } from '../support/roles.js';

const [member, admin] = testRoles('member', 'admin');

const table = 'create schema app; create table app.docs (id int, owner text, level int);';
const secured = `${table} alter table app.docs enable row level security;`;
const readsMembers = `${secured} create table app.members (name text);
  create policy own on app.docs using (exists (select from app.members m where m.name = owner));`;
const policy = (clauses: string) => `${secured} create policy own on app.docs ${clauses};`;

describe.each(SHADOW_KINDS)('row level security through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['enables and forces it', table, `${secured} alter table app.docs force row level security;`,
      ['ALTER TABLE ENABLE ROW LEVEL SECURITY', 'ALTER TABLE FORCE ROW LEVEL SECURITY']],
    ['disables it', `${secured} alter table app.docs force row level security;`, table,
      ['ALTER TABLE DISABLE ROW LEVEL SECURITY', 'ALTER TABLE NO FORCE ROW LEVEL SECURITY']],
    ['creates a policy for roles, with both expressions', secured,
      policy(`as restrictive for update to ${member}, ${admin} using (owner = current_user) with check (level > 0)`), ['CREATE POLICY']],
    ['drops a policy', policy('using (true)'), secured, ['DROP POLICY']],
    ['changes roles and expressions in place', policy(`for select to ${member} using (level > 1)`),
      policy(`for select to ${admin}, public using (level > 2)`), ['ALTER POLICY']],
    ['drops and creates a policy whose command changes', policy('for select using (true)'), policy('for delete using (true)'),
      ['CREATE POLICY', 'DROP POLICY']],
    ['drops and creates a policy that loses its WITH CHECK', policy('using (true) with check (level > 0)'), policy('using (true)'),
      ['CREATE POLICY', 'DROP POLICY']],
    ['creates a policy after a table it reads', secured, readsMembers, ['CREATE POLICY', 'CREATE TABLE']],
    ['drops a policy before a table it reads', readsMembers, secured, ['DROP POLICY', 'DROP TABLE']],
    // PostgreSQL refuses to retype a column a policy or a trigger reads: both go and come back.
    ['retypes a column that a policy and a trigger read',
      `${policy('using (level > 0)')} create function app.t() returns trigger language plpgsql as 'begin return new; end';
        create trigger t before update on app.docs for each row when (new.level > 0) execute function app.t();`,
      `${table.replace('level int', 'level bigint')} alter table app.docs enable row level security;
        create policy own on app.docs using (level > 0);
        create function app.t() returns trigger language plpgsql as 'begin return new; end';
        create trigger t before update on app.docs for each row when (new.level > 0) execute function app.t();`,
      ['ALTER TABLE ALTER COLUMN', 'CREATE POLICY', 'CREATE TRIGGER', 'DROP POLICY', 'DROP TRIGGER']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('creates a policy after a function it calls', async () => {
    const to = `${secured} create function app.allowed(int) returns boolean language sql as 'select $1 > 0';
      create policy own on app.docs using (app.allowed(level));`;
    expect((await converge(secured, to, shadow)).remaining).toBe('');
    expect((await converge(to, secured, shadow)).remaining).toBe('');
  });

  it('alters a policy instead of recreating it', async () => {
    const result = await converge(policy(`to ${member} using (level > 1)`), policy(`to ${member} using (level > 2)`), shadow);
    expect(result.migration).toBe(
      'BEGIN;\n-- hazard authz-change: changes which rows policy own ON app.docs lets through\n' +
        'ALTER POLICY own ON app.docs USING ((level > 2));\nCOMMIT;\n',
    );
  });
});
