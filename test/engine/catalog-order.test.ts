import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/engine/read-catalog.js';
import { renderScript } from '../../src/diff/script.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { createDatabase, withConnection } from '../support/postgres.js';
import { runScript } from '../support/run-script.js';

const SCHEMA = `
  create schema app;
  create type app.mood as enum ('sad', 'ok');
  create domain app.positive as int check (value > 0);
  create sequence app.counter;
  create table app.p (id int primary key, code text unique);
  create table app.c (id int, p_id int references app.p, n app.positive, m app.mood);
  create table app.m (a int, b int, primary key (a, b)) partition by range (a);
  create table app.m1 partition of app.m for values from (1) to (10);
  create table app.r (a int, b int, foreign key (a, b) references app.m);
  create index c_n on app.c (n);
  create view app.v as select id from app.p;
  create function app.f() returns int language sql as 'select 1';
  create function app.g() returns int language sql as 'select 2';
  comment on table app.p is 'parents';
  comment on table app.c is 'children';
  grant select on app.p, app.c to public;`;

/**
 * Updates that leave the schema as it was but move catalog rows: an updated row's new version
 * lies after its page's other rows, so a scan meets the first-made objects last.
 */
const MOVE_ROWS = `
  alter table app.p enable row level security; alter table app.p disable row level security;
  alter table app.c enable row level security; alter table app.c disable row level security;
  alter table app.m enable row level security; alter table app.m disable row level security;
  alter function app.f() cost 100;
  alter type app.mood rename to mood2; alter type app.mood2 rename to mood;
  alter sequence app.counter rename to counter2; alter sequence app.counter2 rename to counter;
  comment on table app.p is 'parents';`;

describe('the order of a catalog and of its migration', () => {
  const databases: { url: string; drop(): Promise<void> }[] = [];
  let empty: string;
  let loaded: string;
  let moved: string;
  beforeAll(async () => {
    const made = await Promise.all([createDatabase('order'), createDatabase('order'), createDatabase('order')]);
    databases.push(...made);
    [empty, loaded, moved] = made.map((d) => d.url) as [string, string, string];
    await withConnection(loaded, (c) => runScript(c, SCHEMA, 'schema.sql'));
    await withConnection(moved, (c) => runScript(c, SCHEMA + MOVE_ROWS, 'schema.sql'));
  });
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it('follows the schema, not where its rows lie in the catalog tables', async () => {
    const [a, b] = await Promise.all([loaded, moved].map((url) => withConnection(url, (c) => extractCatalog(c))));
    expect([...b!.keys()]).toEqual([...a!.keys()]);
    const plan = async (desiredUrl: string) =>
      renderScript((await computeMigration({ databaseUrl: empty, desiredUrl, schemaPath: [], log: () => {} })).actions);
    const [fromLoaded, fromMoved] = await Promise.all([plan(loaded), plan(moved)]);
    expect(fromMoved).toBe(fromLoaded);
    expect(fromLoaded).toMatch(/CREATE TABLE app\.c[\s\S]*CREATE TABLE app\.p/);
  });
});
