/** The options every command that reads a database and schema/*.sql shares (app/settings.ts reads them). */
export const DATABASE_OPTIONS = {
  'database-url': { type: 'string' },
  // No default here: the settings supply it, so the bot's settings file is not overridden.
  schema: { type: 'string' },
  'shadow-url': { type: 'string' },
} as const;

export const DATABASE_OPTIONS_HELP = `  --database-url URL   the database (default: $DATABASE_URL)
  --schema PATH        a directory of *.sql files, one file, or a glob (default: schema/)
  --shadow-url URL     a server for temporary shadow databases
                       (default: $SHADOW_DATABASE_URL, else an embedded PGlite)`;
