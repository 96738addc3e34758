import { parseArgs } from 'node:util';
import { databaseUrlOf, desiredUrlOf, FLAG_SPELLING, scopeOf, shadowUrlOf, type Given } from '../app/settings.js';
import { renderScript } from '../diff/script.js';
import { computeMigration } from '../engine/compute-migration.js';
import { type Command } from './command.js';
import { exitCodeHelp } from '../app/exit-codes.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'print the SQL that turns a database into the declared schema',
  help: `Usage: schema-bot diff [--database-url URL] [--schema PATH] [--shadow-url URL] [--desired-url URL]
                       [--owners] [--detailed-exitcode] [--include-schema NAME]... [--exclude-schema NAME]...
                       [--no-comments] [--no-privileges] [--strict]

Prints to stdout the SQL that turns the database at --database-url into the schema declared in
--schema. The output runs as it is with \`psql -v ON_ERROR_STOP=1 -f\`: statements that must land
together are wrapped in BEGIN/COMMIT, and those PostgreSQL refuses inside a transaction stand alone.
Progress and warnings go to stderr, so \`schema-bot diff > migration.sql\` captures only SQL.
Objects of kinds schema-bot does not model yet are listed on stderr and left as they are.

Options:
  --database-url URL   the database to change (default: $DATABASE_URL)
  --schema PATH        a directory of *.sql files, one file, or a glob (default: schema/)
  --shadow-url URL     a server on which to create a temporary database for loading the schema;
                       it is dropped afterwards, also on error or Ctrl-C
                       (default: $SHADOW_DATABASE_URL, else an embedded PGlite)
  --desired-url URL    read the desired schema from this database instead of --schema, e.g. to
                       see what production lacks that staging has; no shadow is made
  --owners             also compare who owns each object (roles often differ between
                       environments, so owners are left alone unless asked)
  --detailed-exitcode  exit 0 when there is nothing to do, 2 when there are changes, 1 on error
                       (always: 6 when a table stays locked through every retry of the read)
  --include-schema NAME
                       compare only this schema (repeatable)
  --exclude-schema NAME
                       leave this schema out (repeatable)
  --no-comments        leave comments out
  --no-privileges      leave privileges out
  --strict             fail (exit 1) when either side has objects schema-bot does not model
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'changes'])}

Examples:
  schema-bot diff --database-url postgres://app@db/app > migration.sql
  schema-bot diff --database-url "$PROD_URL" --desired-url "$STAGING_URL"
  psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f migration.sql`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        'database-url': { type: 'string' },
        schema: { type: 'string', default: 'schema' },
        'shadow-url': { type: 'string' },
        'desired-url': { type: 'string' },
        owners: { type: 'boolean', default: false },
        'detailed-exitcode': { type: 'boolean', default: false },
        'include-schema': { type: 'string', multiple: true, default: [] },
        'exclude-schema': { type: 'string', multiple: true, default: [] },
        'no-comments': { type: 'boolean', default: false },
        'no-privileges': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const given: Given = { values, env, spelling: FLAG_SPELLING };
    const { actions, unmodelled } = await computeMigration({
      databaseUrl: databaseUrlOf(given),
      schemaPath: values.schema!,
      shadowUrl: shadowUrlOf(given),
      desiredUrl: desiredUrlOf(given),
      scope: scopeOf(given),
      owners: values.owners,
      log: (m) => stderr(`${m}\n`),
    });
    if (values.strict && unmodelled.length) {
      throw new Error(`--strict: ${unmodelled.length} object(s) that schema-bot does not model (listed above)`);
    }
    stdout(renderScript(actions));
    stderr(actions.length ? `${actions.length} statement(s)\n` : 'no changes\n');
    return values['detailed-exitcode'] && actions.length > 0 ? 2 : 0;
  },
};
