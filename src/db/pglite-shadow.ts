import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Extensions } from '@electric-sql/pglite';
import { cacheDir } from './cache-dir.js';
import { forgetCachedFile, readCachedFile, writeCachedFile } from './cached-file.js';
import { quoteIdent, quoteLiteral } from '../sql/quote.js';
import { icuLocaleOf } from './icu-collations-named.js';
import type { Shadow } from './shadow.js';

type Extension = Extensions[string];

/**
 * Extensions PGlite ships, by the name CREATE EXTENSION uses. Each import is spelled out, rather
 * than built from the name, so that a bundler (the GitHub Action's) finds and includes them.
 */
const CONTRIB: Record<string, () => Promise<Extension>> = {
  amcheck: async () => (await import('@electric-sql/pglite/contrib/amcheck')).amcheck,
  bloom: async () => (await import('@electric-sql/pglite/contrib/bloom')).bloom,
  btree_gin: async () => (await import('@electric-sql/pglite/contrib/btree_gin')).btree_gin,
  btree_gist: async () => (await import('@electric-sql/pglite/contrib/btree_gist')).btree_gist,
  citext: async () => (await import('@electric-sql/pglite/contrib/citext')).citext,
  cube: async () => (await import('@electric-sql/pglite/contrib/cube')).cube,
  dict_int: async () => (await import('@electric-sql/pglite/contrib/dict_int')).dict_int,
  dict_xsyn: async () => (await import('@electric-sql/pglite/contrib/dict_xsyn')).dict_xsyn,
  earthdistance: async () => (await import('@electric-sql/pglite/contrib/earthdistance')).earthdistance,
  file_fdw: async () => (await import('@electric-sql/pglite/contrib/file_fdw')).file_fdw,
  fuzzystrmatch: async () => (await import('@electric-sql/pglite/contrib/fuzzystrmatch')).fuzzystrmatch,
  hstore: async () => (await import('@electric-sql/pglite/contrib/hstore')).hstore,
  intarray: async () => (await import('@electric-sql/pglite/contrib/intarray')).intarray,
  isn: async () => (await import('@electric-sql/pglite/contrib/isn')).isn,
  lo: async () => (await import('@electric-sql/pglite/contrib/lo')).lo,
  ltree: async () => (await import('@electric-sql/pglite/contrib/ltree')).ltree,
  moddatetime: async () => (await import('@electric-sql/pglite/contrib/moddatetime')).moddatetime,
  pg_trgm: async () => (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm,
  pgcrypto: async () => (await import('@electric-sql/pglite/contrib/pgcrypto')).pgcrypto,
  seg: async () => (await import('@electric-sql/pglite/contrib/seg')).seg,
  tablefunc: async () => (await import('@electric-sql/pglite/contrib/tablefunc')).tablefunc,
  tcn: async () => (await import('@electric-sql/pglite/contrib/tcn')).tcn,
  tsm_system_rows: async () => (await import('@electric-sql/pglite/contrib/tsm_system_rows')).tsm_system_rows,
  tsm_system_time: async () => (await import('@electric-sql/pglite/contrib/tsm_system_time')).tsm_system_time,
  unaccent: async () => (await import('@electric-sql/pglite/contrib/unaccent')).unaccent,
  'uuid-ossp': async () => (await import('@electric-sql/pglite/contrib/uuid_ossp')).uuid_ossp,
};

async function loadExtension(name: string): Promise<[string, Extension] | undefined> {
  const load = Object.hasOwn(CONTRIB, name) ? CONTRIB[name] : undefined;
  return load ? [name.replace('-', '_'), await load()] : undefined;
}

/**
 * A shadow holds a schema and no rows, so PostgreSQL's default 128 MB of shared buffers, which
 * PGlite takes out of the process's memory, sits mostly unused: 16 MB lowers a diff's peak
 * memory at the same CPU time (figures in bench/NOTES.md).
 */
const SMALL_BUFFERS = ['-c', 'shared_buffers=16MB'];

let pristine: Promise<Blob> | undefined;
/** Whether `pristine` was read from the cache directory rather than made by this process. */
let pristineFromCache = false;

/** The fresh data directory on disk, named by the start parameters it was made with. */
function cachedDataDirFile(startParams: string[]): string {
  const params = createHash('sha256').update(startParams.join('\0')).digest('hex').slice(0, 16);
  return path.join(cacheDir(), `pglite-data-${params}.tar`);
}

/**
 * A fresh data directory, made once per machine: initdb costs a PGlite start several times what
 * loading a data directory does (bench/NOTES.md), so every shadow starts from this copy
 * (`loadDataDir`), which is kept in the cache directory for later processes, checked by its
 * checksum. Someone who starts another PGlite anyway (the demo's production) takes it from here.
 */
export function pristinePgliteDataDir(warn: (m: string) => void = () => undefined): Promise<Blob> {
  pristine ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const startParams = [...PGlite.defaultStartParams, ...SMALL_BUFFERS];
    const file = cachedDataDirFile(startParams);
    const cached = await readCachedFile(file, warn);
    pristineFromCache = cached !== undefined;
    if (cached) return new Blob([new Uint8Array(cached)]);
    const fresh = await PGlite.create({ startParams });
    try {
      const made = (await fresh.dumpDataDir('none')) as Blob;
      await writeCachedFile(file, new Uint8Array(await made.arrayBuffer()));
      return made;
    } finally {
      await fresh.close();
    }
  })();
  return pristine;
}

/**
 * PGlite from the fresh data directory. One read from the cache that does not start (an entry
 * another PGlite version wrote, whose catalog this one refuses) is dropped and made again, once;
 * a failure from a data directory this process made is PGlite's own (an extension, say) and is
 * not retried.
 */
async function startPglite(extensions: Extensions, warn: (m: string) => void) {
  const { PGlite } = await import('@electric-sql/pglite');
  const startParams = [...PGlite.defaultStartParams, ...SMALL_BUFFERS];
  try {
    return await PGlite.create({ extensions, loadDataDir: await pristinePgliteDataDir(warn), startParams });
  } catch (error) {
    if (!pristineFromCache) throw error;
    const file = cachedDataDirFile(startParams);
    warn(`PGlite did not start from the cached data directory ${file} (${(error as Error).message}); making it again`);
    await forgetCachedFile(file);
    pristine = undefined;
    return PGlite.create({ extensions, loadDataDir: await pristinePgliteDataDir(warn), startParams });
  }
}

/**
 * An in-process PostgreSQL (PGlite, WebAssembly) so `diff` needs nothing but the target. PGlite
 * loads extensions only when it starts, so the caller names the ones the schema creates. The roles
 * the schema names are made in it, as nothing outside can see them: whether the database has them
 * is for the diff to say. So are the `<tag>-x-icu` collations the schema names, which a server
 * has from initdb and PGlite lacks (see icu-collations-named.ts).
 */
export async function openPgliteShadow(
  extensionNames: string[],
  roleNames: string[],
  warn: (m: string) => void,
  icuCollations: string[] = [],
): Promise<Shadow> {
  const extensions: Extensions = {};
  for (const name of extensionNames) {
    const loaded = await loadExtension(name);
    if (loaded) extensions[loaded[0]] = loaded[1];
    else warn(`PGlite does not ship extension "${name}"; use --shadow-url with a server that has it`);
  }
  const pg = await startPglite(extensions, warn);
  for (const role of roleNames) {
    await pg.exec(`DO $$ BEGIN CREATE ROLE ${quoteIdent(role)}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  }
  for (const name of icuCollations) {
    const locale = quoteLiteral(icuLocaleOf(name));
    await pg.exec(`CREATE COLLATION IF NOT EXISTS pg_catalog.${quoteIdent(name)} (provider = icu, locale = ${locale})`).catch((error: Error) => {
      warn(`PGlite cannot make ICU collation "${name}": ${error.message}`);
    });
  }
  const { rows } = await pg.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  const db: Shadow['db'] = {
    query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await pg.query<Row>(sql, params)).rows }),
    // PGlite answers a query whole: its rows are in memory already.
    forEachRow: async <Row>(sql: string, params: unknown[] | undefined, onRow: (row: Row) => void) => {
      for (const row of (await pg.query<Row>(sql, params)).rows) onRow(row);
    },
    exec: (sql: string) => pg.exec(sql),
  };
  return {
    db,
    // In-process, without programs, files or other databases to reach, PGlite is its own sandbox.
    admin: db,
    serverVersion: Number(rows[0]!.v),
    description: 'embedded PGlite',
    dispose: () => pg.close(),
  };
}
