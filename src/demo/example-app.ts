/**
 * The demo's application: a small task tracker. Production starts at version 1; the repository
 * declares version 2, which drops the legacy `users.password_md5` column (logins moved to an
 * identity provider) and adds `task_comments`. Kept as strings, not files, so the demo works
 * from the published package too.
 */

const users = (legacyPassword: boolean) => `CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,${legacyPassword ? '\n  password_md5 text,' : ''}
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

const PROJECTS = `CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL,
  archived boolean NOT NULL DEFAULT false
);
`;

const TASKS = `CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');

CREATE TABLE tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  assignee_id bigint REFERENCES users (id),
  title text NOT NULL,
  status task_status NOT NULL DEFAULT 'todo',
  due_on date
);

CREATE INDEX tasks_project_status ON tasks (project_id, status);
`;

const TASK_COMMENTS = `CREATE TABLE task_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  author_id bigint NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (body <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX task_comments_task ON task_comments (task_id);
`;

/** Some rows, so that dropping the column really loses data. */
const ROWS = `INSERT INTO users (email, display_name, password_md5) VALUES
  ('ada@example.com', 'Ada', 'md5-0cc175b9c0f1b6a8'), ('linus@example.com', 'Linus', 'md5-92eb5ffee6ae2fec');
INSERT INTO projects (owner_id, name) VALUES (1, 'Launch');
INSERT INTO tasks (project_id, assignee_id, title, status) VALUES (1, 1, 'Write the changelog', 'doing'), (1, 2, 'Tag the release', 'todo');
`;

/** What production holds before the demo: version 1 of the schema, with data. */
export const PRODUCTION_V1 = [users(true), PROJECTS, TASKS, ROWS].join('\n');

/** schema/ at version 1, as first committed: it matches production. */
export const SCHEMA_V1: Record<string, string> = {
  'schema/users.sql': users(true),
  'schema/projects.sql': PROJECTS,
  'schema/tasks.sql': TASKS,
};

/** schema/ at version 2, the change a developer merges. */
export const SCHEMA_V2: Record<string, string> = {
  ...SCHEMA_V1,
  'schema/users.sql': users(false),
  'schema/task_comments.sql': TASK_COMMENTS,
};

/** The bot's settings in the example repository: who must approve a plan that deletes data. */
export const SETTINGS = `# schema-bot settings (see \`schema-bot run --help\`)
reviewers: [dba]
approvers: [dba]
required_approvals: 1
`;

/** The person who approves the destructive plan in the demo. */
export const APPROVER = 'dba';
