import { describe, expect, it } from 'vitest';
import { classifySteps, peerKind } from '../../src/diff/step-classes.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { createDatabase, serverUrl, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';
import { tempDir } from '../support/temp-dir.js';

/** The step classes of the plan from `from` to `to`, planned by the engine on real databases. */
async function stepsOf(from: string, to: string): Promise<string[]> {
  const db = await createDatabase('steps');
  const dir = await tempDir({ 'schema.sql': to });
  try {
    await withConnection(db.url, (c) => runScript(c, from, 'from.sql'));
    const { actions, source, target } = await computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: () => {} });
    return classifySteps(actions, source, target);
  } finally {
    await dir.remove();
    await db.drop();
  }
}

describe('plan steps as <verb>:<objectKind>', () => {
  it('counts a column setting as an alter of the column, not a step of its own', async () => {
    expect(await stepsOf('create table t (p text); alter table t alter p set storage plain;', 'create table t (p text); alter table t alter p set storage external;'))
      .toEqual(['alter:column']);
    expect(await stepsOf('create table t (p text);', 'create table t (p text); alter table t alter p set storage external;')).toEqual(['alter:column']);
  });

  it('counts the columns and settings a table is made with as part of its create', async () => {
    expect(await stepsOf('', 'create table t (a int) with (fillfactor = 70);')).toEqual(['create:table']);
  });

  it('tells an in-place alter of a view from a replacement of a materialized view, in peer kind names', async () => {
    const base = 'create table t (a int, b int);';
    expect(await stepsOf(`${base} create view v with (security_barrier) as select a from t;`, `${base} create view v with (security_invoker) as select a from t;`))
      .toEqual(['alter:view']);
    expect(await stepsOf(`${base} create materialized view m as select a from t;`, `${base} create materialized view m as select a, b from t;`))
      .toEqual(['replacement:materializedView']);
  });

  it('calls a declared rename a rename, and a drop and a create what they are', async () => {
    expect(await stepsOf('create table a (x int);', '-- schema-bot: renamed from a\ncreate table b (x int);')).toEqual(['rename:table']);
    expect(await stepsOf('create table a (x int);', 'create table b (x int);')).toEqual(['create:table', 'drop:table']);
  });

  it('names kinds as pg-delta does', () => {
    expect([peerKind('matview'), peerKind('event_trigger'), peerKind('domain_constraint'), peerKind('table')])
      .toEqual(['materializedView', 'eventTrigger', 'domainConstraint', 'table']);
  });
});
