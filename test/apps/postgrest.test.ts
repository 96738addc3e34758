import { describeApp } from './app-suite.js';

const F = 'schema.sql';

/** A client with a project: the rows a type change under views rewrites. */
const ROWS = `insert into test.clients (id, name) values (1, 'Microsoft');
  insert into test.projects (id, name, client_id) values (1, 'Windows 7', 1);`;

describeApp({
  name: 'postgrest',
  files: ['schema.sql', 'jwt.sql', 'privileges.sql'],
  roles: ['postgrest_test_anonymous', 'postgrest_test_default_role', 'postgrest_test_author'],
  edits: [
    {
      name: 'widen a column that views and functions returning its row type use',
      replacements: [[F, '    client_id integer REFERENCES clients(id)\n', '    client_id bigint REFERENCES clients(id)\n']],
      seed: ROWS,
      after: { sql: 'select id, client_id from test.projects', rows: [{ id: 1, client_id: '1' }] },
    },
    {
      name: 'add an enum value and change a view',
      replacements: [
        [F, "create type visit_type as enum ('vacation', 'work');", "create type visit_type as enum ('vacation', 'work', 'leave');"],
        [F, '  SELECT id FROM test.test;', '  SELECT id, parent_id FROM test.test;'],
      ],
    },
  ],
});
