import { URL_FORM } from '../secrets/redact.js';

/** A connection string node-postgres would misread. The message names the setting, never the value. */
export class ConnectionSettingError extends Error {
  override name = 'ConnectionSettingError';
}

/**
 * The first connection string given among `sources` (a flag, then its environment variable),
 * refused when node-postgres would quietly misread it: libpq's keyword/value form (`host=db
 * password=…`), which it takes for a database name on a host called "base", and a URL holding a
 * `#`, whose rest (of a password, say) it drops as a fragment. A path (`/run/postgresql db`)
 * names a Unix socket and passes.
 */
export function connectionSetting(sources: [name: string, value: string | undefined][]): string | undefined {
  const [name, value] = sources.find(([, v]) => v) ?? [];
  if (!name || !value) return undefined;
  const notShown = 'the value is not shown, as it may hold a password';
  if (!URL_FORM.test(value.trim()) && !value.startsWith('/')) {
    throw new ConnectionSettingError(
      `${name} must be a postgres:// URL (postgres://user@host:port/database, with the password after the user and a colon); ` +
        `libpq's keyword/value form (host=… dbname=…) is not supported (${notShown})`,
    );
  }
  if (value.includes('#')) {
    throw new ConnectionSettingError(`${name} holds a "#", which would end the URL there and cut what follows; percent-encode it as %23 (${notShown})`);
  }
  return value;
}
