import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';
import { testRoles } from '../support/roles.js';

const [reader, writer] = testRoles('reader', 'writer');

const objects = `create schema app; create table app.t (a int, b int); create sequence app.s;
  create view app.v as select a from app.t;`;

const defaults = `alter default privileges grant select on tables to ${reader};
  alter default privileges in schema app grant usage on sequences to ${writer} with grant option;
  alter default privileges revoke execute on functions from public;`;

describe.each(SHADOW_KINDS)('privileges through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['grants on a table, a column, a sequence and a schema', objects,
      `${objects} grant select, insert on app.t to ${reader}; grant update (b) on app.t to ${writer};
       grant usage on sequence app.s to ${reader}; grant usage on schema app to ${reader}, ${writer};`, ['GRANT']],
    ['revokes them again', `${objects} grant select, insert on app.t to ${reader}; grant update (b) on app.t to ${writer};
       grant usage on sequence app.s to ${reader}; grant usage on schema app to ${reader};`, objects, ['REVOKE']],
    ['grants on objects the migration creates', '',
      `${objects} grant all on app.t to ${writer}; grant select on app.v to ${reader};`,
      ['CREATE SCHEMA', 'CREATE SEQUENCE', 'CREATE TABLE', 'CREATE VIEW', 'GRANT']],
    ['adds and removes the grant option', `${objects} grant select on app.t to ${reader}; grant all on app.t to ${writer} with grant option;`,
      `${objects} grant select on app.t to ${reader} with grant option; grant all on app.t to ${writer};`, ['GRANT', 'REVOKE']],
    ['revokes an owner’s own right and a default of PUBLIC', objects,
      `${objects} revoke update on app.t from current_user; revoke all on schema public from public;`, ['REVOKE']],
    ['sets default privileges for every schema and for one', objects, `${objects} ${defaults}`, ['ALTER DEFAULT PRIVILEGES']],
    ['removes default privileges', `${objects} ${defaults}`, objects, ['ALTER DEFAULT PRIVILEGES']],
    ['starts a new table from the default privileges in force', `create schema app; ${defaults}`,
      `create schema app; create table app.t (a int); ${defaults}`, ['CREATE TABLE', 'REVOKE']],
    // REVOKE on a relation takes its column grants along, new and unchanged ones alike.
    ['narrows grants on a table and a view to some of their columns',
      `${objects} grant select, update on app.t, app.v to ${reader}; grant select (a) on app.t, app.v to ${writer}; grant select on app.t to ${writer};`,
      `${objects} grant select (a, b), update (b) on app.t to ${reader}; grant select (a) on app.v to ${reader};
       grant select (a) on app.t, app.v to ${writer};`, ['GRANT', 'REVOKE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('writes one statement per grantee and change', async () => {
    const result = await converge(objects, `${objects} grant select, insert on app.t to ${reader};`, shadow);
    expect(result.migration).toBe(
      `BEGIN;\n-- hazard authz-change: changes who holds which privileges\nGRANT INSERT, SELECT ON TABLE app.t TO ${reader};\nCOMMIT;\n`,
    );
  });
});

// A server shadow cannot load a grant to a role its server lacks; a PGlite shadow (computeMigration's
// default, with no shadow URL) makes the role itself, so this runs through PGlite only.
it('leaves out grants and policies for a role the database lacks, with a warning', async () => {
  const ghost = `ghost_${randomBytes(4).toString('hex')}`;
  const db = await createDatabase('ghost');
  const dir = await tempDir({ 'schema.sql': `create table t (a int); grant select on t to ${ghost};
    create policy p on t to ${ghost} using (true); alter default privileges for role ${ghost} grant select on tables to public;` });
  try {
    await withConnection(db.url, (c) => c.exec('create table t (a int)'));
    const log: string[] = [];
    const { actions } = await computeMigration({ databaseUrl: db.url, schemaPath: dir.path, log: (m) => log.push(m) });
    expect(actions).toEqual([]);
    expect(log.filter((m) => m.includes(ghost)).sort()).toEqual([
      `warning: role ${ghost} does not exist on the database: left out its default privileges on TABLES`,
      `warning: role ${ghost} does not exist on the database: left out its privileges on TABLE public.t`,
      `warning: role ${ghost} does not exist on the database: left out policy p ON public.t`,
    ]);
  } finally {
    await dir.remove();
    await db.drop();
  }
});
