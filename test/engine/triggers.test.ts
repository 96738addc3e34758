import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const functions = `
  create function stamp() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
  create function audit() returns trigger language plpgsql as $$ begin return null; end $$;
  create function log_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;`;

const tables = `
  create table parent (id int primary key);
  create table child (id int, parent_id int references parent, at timestamptz, note text);`;

const triggers = `
  create trigger child_stamp before insert or update of note on child for each row when (new.id > 0) execute function stamp();
  create trigger child_audit after delete on child referencing old table as gone for each statement execute function audit();
  create constraint trigger child_check after insert on child from parent deferrable initially deferred
    for each row execute function audit();
  create event trigger ddl_log on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE') execute function log_ddl();
  comment on trigger child_stamp on child is 'stamps';`;

describe.each(SHADOW_KINDS)('triggers and event triggers through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates triggers, a constraint trigger and an event trigger', '', functions + tables + triggers,
      ['ALTER TABLE ADD CONSTRAINT', 'COMMENT ON TRIGGER', 'CREATE CONSTRAINT TRIGGER', 'CREATE EVENT TRIGGER', 'CREATE OR REPLACE FUNCTION',
        'CREATE TABLE', 'CREATE TRIGGER', 'SET']],
    ['drops them', functions + tables + triggers, functions + tables, ['DROP EVENT TRIGGER', 'DROP TRIGGER']],
    ['changes their definitions', functions + tables + triggers, functions + tables + triggers
      .replace('new.id > 0', 'new.id > 1')
      .replace('initially deferred', 'initially immediate')
      .replace("'CREATE TABLE', 'ALTER TABLE'", "'DROP TABLE'"),
      ['COMMENT ON TRIGGER', 'CREATE CONSTRAINT TRIGGER', 'CREATE EVENT TRIGGER', 'CREATE TRIGGER', 'DROP EVENT TRIGGER', 'DROP TRIGGER']],
    ['disables and enables them', functions + tables + triggers, `${functions + tables + triggers}
      alter table child disable trigger child_stamp;
      alter table child enable replica trigger child_audit;
      alter table child enable always trigger child_check;
      alter event trigger ddl_log disable;`,
      ['ALTER EVENT TRIGGER', 'ALTER TABLE DISABLE TRIGGER', 'ALTER TABLE ENABLE ALWAYS TRIGGER', 'ALTER TABLE ENABLE REPLICA TRIGGER']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('switches a trigger off in place and leaves the foreign key triggers alone', async () => {
    const from = functions + tables + triggers;
    const result = await converge(from, `${from} alter table child disable trigger child_stamp;`, shadow);
    expect(result.migration).toBe('BEGIN;\nALTER TABLE public.child DISABLE TRIGGER child_stamp;\nCOMMIT;\n');
    expect(result.remaining).toBe('');
  });

  it('changes a trigger function in place and leaves its trigger alone', async () => {
    const from = `${functions + tables} create trigger child_stamp before insert on child for each row execute function stamp();`;
    const result = await converge(from, from.replace('new.at := now()', "new.at := now() - interval '1 day'"), shadow);
    expect(result.migration).toContain('CREATE OR REPLACE FUNCTION public.stamp()');
    expect(result.migration).not.toMatch(/(CREATE|DROP) TRIGGER/);
    expect(result.remaining).toBe('');
  });
});

describe.each(SHADOW_KINDS)('an event trigger that refuses DDL through a %s shadow', (shadow) => {
  // Declared before the tables, it would refuse every later statement of the load (and of the
  // migration) if it were created where it is written: it is created last, as pg_dump orders it.
  const frozen = `
    create function refuse_ddl() returns event_trigger language plpgsql as $$ begin raise exception 'DDL is frozen'; end $$;
    create event trigger ddl_freeze on ddl_command_start execute function refuse_ddl();
    create table parent (id int primary key);
    create view parents as select id from parent;
    comment on table parent is 'parents';`;

  it('loads the schema and creates the trigger after everything else', async () => {
    const result = await converge('', frozen, shadow);
    expect(result.migration.trimEnd().split('\n').at(-2)).toMatch(/^CREATE EVENT TRIGGER ddl_freeze ON ddl_command_start/);
    expect(result.remaining).toBe('');
  });
});
