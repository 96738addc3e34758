import { readFileSync } from 'node:fs';

/** Set by scripts/build-action.ts in the bundles, which have no package.json beside them. */
declare const SCHEMA_BOT_BUNDLED_VERSION: string | undefined;

/** schema-bot's version: package.json's, read from the package (src/app/ and lib/app/ sit two folders below it). */
export function version(): string {
  if (typeof SCHEMA_BOT_BUNDLED_VERSION === 'string') return SCHEMA_BOT_BUNDLED_VERSION;
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
