/**
 * A schema whose names are words later majors made keywords (src/sql/keywords.ts), in every place a
 * name can stand: schema, table, column, type, domain, index, constraint, routine, parameter, alias,
 * trigger, policy, rule, statistics, aggregate, cast. Written as PostgreSQL 13 to 15 read it, with
 * the names bare, as their pg_dump writes them; 16 and later refuse it (test/engine/keyword-names).
 * The routines' bodies, which stay as written, are written as every major reads them.
 */
export const KEYWORD_NAMES_SCHEMA = `
create schema json;
create type json.json_object as (json json, json_array int);
create domain json.json_query as text check (value <> '');
create table json.merge_action (
  id int primary key,
  json json,
  system_user text,
  json_value text constraint json check (json_value <> ''),
  json_table int default 0,
  json_scalar text generated always as (json ->> 'q') stored
);
create index json on json.merge_action (json_value, system_user);
create index json_serialize on json.merge_action ((json ->> 'k'));
create table json.json_exists (json text, system_user int) partition by list (json);
create table json.json_exists_a partition of json.json_exists for values in ('a');
create table json.json_arrayagg (merge_action int constraint json_objectagg references json.merge_action (id));
create function json.json(json json, json_exists json.json_query default 'x') returns json.json_object
  language sql as $$ select ("json", 1)::"json".json_object $$;
create function json.json(json.json_object) returns json language sql immutable as $$ select to_json($1) $$;
create cast (json.json_object as json) with function json.json(json.json_object);
create function json.json_rows() returns table (json json, system_user text) language sql
  as $$ select "json", "system_user" from "json".merge_action $$;
create function json.json_keep(json json, json_scalar json) returns json language sql as 'select $2';
create aggregate json.json_arrayagg(json) (sfunc = json.json_keep, stype = json);
create view json.json_objectagg as
  select json, system_user as json_arrayagg, json_value::json as json_table from json.merge_action json;
create function json.json_value() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger json before insert on json.merge_action
  for each row when (new.json_value is not null) execute function json.json_value();
alter table json.merge_action enable row level security;
create policy json on json.merge_action using (json_value = current_user);
create statistics json.json_scalar on json_value, system_user from json.merge_action;
create rule json as on delete to json.json_objectagg do instead nothing;
`;

/** A routine whose body only 13 to 16 parse (17 made json a keyword): production's major must check it. */
export const OLDER_BODY = `
create function json.json_merge(json json) returns json.json_object language sql as $$ select (json, 2)::json.json_object $$;
`;
