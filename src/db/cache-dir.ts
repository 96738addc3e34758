import os from 'node:os';
import path from 'node:path';

/**
 * Where schema-bot keeps what it can always make again (a fresh PGlite data directory):
 * SCHEMA_BOT_CACHE_DIR, else $XDG_CACHE_HOME/schema-bot, else ~/.cache/schema-bot. Nothing in it
 * is trusted without a check; deleting it only costs time.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SCHEMA_BOT_CACHE_DIR) return path.resolve(env.SCHEMA_BOT_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'schema-bot');
}
