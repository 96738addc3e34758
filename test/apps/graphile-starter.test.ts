import { describeApp } from './app-suite.js';

const F = 'schema.sql';
const ORGANIZATION_COLUMNS = '    name text NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL\n);';
const DUMP_END = '\n--\n-- PostgreSQL database dump complete';

/** A user with an organization, so renames and new columns meet rows. */
const ROWS = `insert into app_public.users (username, name) values ('alice', 'Alice');
  insert into app_public.organizations (slug, name) values ('acme', 'Acme');`;

describeApp({
  name: 'graphile-starter',
  files: [F],
  roles: ['graphile_starter', 'graphile_starter_visitor'],
  edits: [
    {
      name: 'add a column with a default, one without, and a foreign key; change a function',
      replacements: [
        [F, ORGANIZATION_COLUMNS, ORGANIZATION_COLUMNS.replace('NOT NULL\n);', "NOT NULL,\n    plan text DEFAULT 'free'::text NOT NULL,\n    created_by uuid\n);")],
        [F, DUMP_END, `
ALTER TABLE ONLY app_public.organizations
    ADD CONSTRAINT organizations_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_public.users(id) ON DELETE SET NULL;
${DUMP_END}`],
        [F, '  select user_id from app_private.sessions where uuid = app_public.current_session_id();', `  select user_id from app_private.sessions where uuid = app_public.current_session_id() and last_active > now() - interval '30 days';`],
      ],
      seed: ROWS,
      after: { sql: 'select plan, created_by from app_public.organizations', rows: [{ plan: 'free', created_by: null }] },
    },
    {
      name: 'rename a column, a table and an index; drop a column',
      replacements: [
        [F, '    name text NOT NULL,\n', '    -- schema-bot: renamed from name\n    title text NOT NULL,\n'],
        [F, 'GRANT UPDATE(name) ON TABLE app_public.organizations', 'GRANT UPDATE(title) ON TABLE app_public.organizations'],
        [F, /app_private\.connect_pg_simple_sessions\b/g, 'app_private.web_sessions'],
        [F, 'CREATE TABLE app_private.web_sessions (', '-- schema-bot: renamed from connect_pg_simple_sessions\nCREATE TABLE app_private.web_sessions ('],
        [F, 'CREATE INDEX idx_user_emails_user ON', '-- schema-bot: renamed from idx_user_emails_user\nCREATE INDEX user_emails_user_id_idx ON'],
        [F, '    is_admin boolean DEFAULT false NOT NULL,\n', ''],
        [F, /\n--\n-- Name: COLUMN users\.is_admin;[^\n]*\n--\n\nCOMMENT ON COLUMN app_public\.users\.is_admin IS [^\n]*\n/g, '\n'],
      ],
      seed: ROWS,
      allowHazards: 'data-loss',
      after: { sql: 'select slug::text, title from app_public.organizations', rows: [{ slug: 'acme', title: 'Acme' }] },
    },
  ],
});
