import type { TargetSpec } from '../config/options.js';
import { connect } from '../db/connect.js';
import { onDatabase } from '../db/database-url.js';
import { URL_FORM } from '../secrets/redact.js';
import type { FleetTarget } from './fleet-target.js';

/** A target setting that cannot be turned into databases; names the variable, never its value. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** How long the query listing a set's databases may run: it reads a catalog, never a table scan's worth. */
const LISTING_TIMEOUT = '30s';

/**
 * The targets of the settings as databases, in the order they are listed: a plain target is the
 * URL its variable holds; a set with `databases` is one target per database name its query
 * returns, on the same server and with the same credentials, named `<set>/<database>`.
 */
export async function resolveTargets(specs: TargetSpec[], env: NodeJS.ProcessEnv): Promise<FleetTarget[]> {
  const resolved: FleetTarget[] = [];
  for (const spec of specs) {
    const url = env[spec.urlEnv];
    if (!url) throw new TargetError(`target ${spec.name}: the environment variable ${spec.urlEnv} is not set; it must hold the database's URL`);
    // url_env may name any variable: one that holds a token rather than a URL must not reach a
    // message, as connection errors quote what they were given.
    if (!URL_FORM.test(url.trim())) {
      throw new TargetError(`target ${spec.name}: the environment variable ${spec.urlEnv} does not hold a postgres:// URL (its value is not shown, as it may be a secret)`);
    }
    const common = { environment: spec.environment, wave: spec.wave, ...(spec.promotedFrom ? { promotedFrom: spec.promotedFrom } : {}) };
    if (spec.databases === undefined) {
      resolved.push({ name: spec.name, url, ...common });
      continue;
    }
    for (const database of await listDatabases(spec, url)) {
      resolved.push({ name: `${spec.name}/${database}`, url: onDatabase(url, database), ...common });
    }
  }
  return resolved;
}

/** The database names a set's query returns (its first column), read-only and bounded in time. */
async function listDatabases(spec: TargetSpec, url: string): Promise<string[]> {
  const db = await connect(url);
  try {
    await db.exec(`BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = '${LISTING_TIMEOUT}'`);
    const { rows } = await db.query<Record<string, unknown>>(spec.databases!).catch((error: Error) => {
      throw new TargetError(`target ${spec.name}: its databases query failed: ${error.message}`);
    });
    const names = rows.map((row) => Object.values(row)[0]);
    const bad = names.find((n) => typeof n !== 'string' || n === '');
    if (bad !== undefined) throw new TargetError(`target ${spec.name}: its databases query must return database names as text in its first column, not ${JSON.stringify(bad)}`);
    return [...new Set(names as string[])];
  } finally {
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.close();
  }
}
