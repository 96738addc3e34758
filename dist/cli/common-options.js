import { UsageError } from './command.js';
/** The options every command that reads a database and schema/*.sql shares. */
export const DATABASE_OPTIONS = {
    'database-url': { type: 'string' },
    // No default here: databaseSettings supplies it, so the bot's settings file is not overridden.
    schema: { type: 'string' },
    'shadow-url': { type: 'string' },
};
export const DATABASE_OPTIONS_HELP = `  --database-url URL   the database (default: $DATABASE_URL)
  --schema PATH        a directory of *.sql files, one file, or a glob (default: schema/)
  --shadow-url URL     a server for temporary shadow databases
                       (default: $SHADOW_DATABASE_URL, else an embedded PGlite)`;
export function databaseSettings(values, env) {
    const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
    if (!databaseUrl)
        throw new UsageError('no database: pass --database-url or set DATABASE_URL');
    return { databaseUrl, schemaPath: values.schema ?? 'schema', shadowUrl: values['shadow-url'] ?? (env.SHADOW_DATABASE_URL || undefined) };
}
//# sourceMappingURL=common-options.js.map