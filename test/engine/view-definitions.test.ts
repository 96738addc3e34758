import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

/**
 * Views whose text PostgreSQL 15 writes with every column qualified by the one relation read and
 * PostgreSQL 16 on (PGlite) without: the qualifiers must be cut exactly where they are column
 * references. Most are read from the deparser's tokens; those with a subquery, a join, a cast to a
 * type of a schema named like the relation or a collation go to the full parser. Each converges
 * only if both servers' texts come out the same.
 */
const SCHEMA = `
  create schema t;
  create table t.t (a int, b text, t int);
  create type t.kind as enum ('x', 'y');
  create function t.f(int) returns int language sql immutable as 'select $1';
  create view t.calls as select t.a, t.f(t.a) as fa, t.b collate "C" as bc, 'x'::t.kind as k from t.t;
  create view t.same_name as select t, a is distinct from t as d from t.t;

  create schema app;
  create type app.address as (city text, zip text);
  create table app.users (id int primary key, name text, email text, addr app.address, tags text[]);
  create table app."Mixed Case" ("Col" int, "x.y" text);
  create table app.parent (a int);
  create table app.child (b int) inherits (app.parent);
  create view app.aliased as select u.id, u.name from app.users u where u.name like 'u.%' and u.email <> E'u.\\\\x';
  create view app.fields as select (addr).city, tags[1] as first_tag, addr from app.users;
  create view app.quoted as select "Col", "x.y" from app."Mixed Case";
  create view app.only_parent as select a from only app.parent;
  create view app.windowed as select id, row_number() over w as n, sum(id) over (partition by name) as s
    from app.users window w as (partition by email order by id);
  create view app.grouped as select distinct on (name) name, count(*) over () as c,
    case when id > 1 then 'big' else 'small' end as size from app.users order by name, id;
  create view app.having as select name, count(*) as n from app.users group by name having count(*) > 1;
  create view app.subquery as select id, (select count(*) from app.users i where i.id < users.id) as rank from app.users;
  create view app.joined as select u.id, p.a from app.users u join app.parent p on p.a = u.id;
  create view app.no_from as select 1 as one, 'FROM x.y'::text as s;`;

describe.each(SHADOW_KINDS)('view definitions read alike on every server through a %s shadow', (shadow) => {
  it('creates views of every shape and finds nothing left to do', async () => {
    const result = await converge('', SCHEMA, shadow);
    expect(result.migration).toContain('CREATE VIEW app.aliased');
    expect(result.remaining).toBe('');
    expect(result.fingerprints.shadow).toBe(result.fingerprints.database);
  });
});
