import { connectionSetting } from '../db/connection-setting.js';
import { UsageError } from './command.js';

/** The options every command that reads a database and schema/*.sql shares. */
export const DATABASE_OPTIONS = {
  'database-url': { type: 'string' },
  // No default here: databaseSettings supplies it, so the bot's settings file is not overridden.
  schema: { type: 'string' },
  'shadow-url': { type: 'string' },
} as const;

export const DATABASE_OPTIONS_HELP = `  --database-url URL   the database (default: $DATABASE_URL)
  --schema PATH        a directory of *.sql files, one file, or a glob (default: schema/)
  --shadow-url URL     a server for temporary shadow databases
                       (default: $SHADOW_DATABASE_URL, else an embedded PGlite)`;

export interface DatabaseSettings {
  databaseUrl: string;
  schemaPath: string;
  shadowUrl?: string;
}

/** The database to work on: --database-url, else $DATABASE_URL. */
export function databaseUrlSetting(values: { 'database-url'?: string }, env: NodeJS.ProcessEnv): string {
  const databaseUrl = connectionSetting([['--database-url', values['database-url']], ['DATABASE_URL', env.DATABASE_URL]]);
  if (!databaseUrl) throw new UsageError('no database: pass --database-url or set DATABASE_URL');
  return databaseUrl;
}

/** The server for shadow databases: --shadow-url, else $SHADOW_DATABASE_URL, else none (PGlite). */
export function shadowUrlSetting(values: { 'shadow-url'?: string }, env: NodeJS.ProcessEnv): string | undefined {
  return connectionSetting([['--shadow-url', values['shadow-url']], ['SHADOW_DATABASE_URL', env.SHADOW_DATABASE_URL]]);
}

export function databaseSettings(
  values: { 'database-url'?: string; schema?: string; 'shadow-url'?: string },
  env: NodeJS.ProcessEnv,
): DatabaseSettings {
  return { databaseUrl: databaseUrlSetting(values, env), schemaPath: values.schema ?? 'schema', shadowUrl: shadowUrlSetting(values, env) };
}
