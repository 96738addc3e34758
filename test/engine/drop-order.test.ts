import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { withConnection } from '../support/postgres.js';

describe.each(SHADOW_KINDS)('dropping objects that depend on each other through a %s shadow', (shadow) => {
  it('drops two tables whose foreign keys reference each other', async () => {
    const result = await converge(`
      create table a (id int primary key, b_id int);
      create table b (id int primary key, a_id int references a);
      alter table a add constraint a_b foreign key (b_id) references b;`, '', shadow);
    expect(result.migration).toMatch(/DROP CONSTRAINT[\s\S]*DROP TABLE/);
    expect(result.remaining).toBe('');
  });

  it('drops tables in foreign-key cycles of one and of three, with rows, and keeps a table beside them', async () => {
    const kept = 'create table kept (id int primary key);';
    const result = await converge(`${kept}
      create table node (id int primary key, parent int references node);
      create table a (id int primary key, b_id int);
      create table b (id int primary key, c_id int);
      create table c (id int primary key, a_id int references a);
      alter table a add constraint a_b foreign key (b_id) references b;
      alter table b add constraint b_c foreign key (c_id) references c;`, kept, shadow, {
      seed: `insert into kept values (1), (2); insert into node values (1, null), (2, 1);
        insert into a values (1, null); insert into c values (1, 1); insert into b values (1, 1); update a set b_id = 1;`,
      inspect: async (url) => {
        const { rows } = await withConnection(url, (c) => c.query<{ id: number }>('select id from kept order by id'));
        expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
      },
    });
    expect(result.migration).toMatch(/DROP CONSTRAINT[\s\S]*DROP TABLE/);
    expect(result.remaining).toBe('');
  });

  it('drops a table referenced by a kept table whose foreign key goes away', async () => {
    const result = await converge(
      'create table parent (id int primary key); create table child (id int, p int references parent);',
      'create table child (id int, p int);',
      shadow,
    );
    expect(result.remaining).toBe('');
  });

  it('drops a schema with a table whose serial sequence goes with the table', async () => {
    const result = await converge('create schema app; create table app.users (id serial primary key);', '', shadow);
    expect(result.migration).not.toContain('DROP SEQUENCE');
    expect(result.remaining).toBe('');
  });

  it('drops a partition of a table that a kept foreign key references', async () => {
    const parent = `create table m (id int primary key) partition by range (id);
      create table m1 partition of m for values from (0) to (10);
      create table r (m_id int references m);`;
    const result = await converge(`${parent} create table m2 partition of m for values from (10) to (20);`, parent, shadow);
    expect(result.migration).toContain('DETACH PARTITION public.m2');
    expect(result.remaining).toBe('');
  });
});
