import type { Extensions } from '@electric-sql/pglite';
import { quoteIdent, quoteLiteral } from '../sql/quote.js';
import { icuLocaleOf } from './icu-collations-named.js';
import type { Shadow } from './shadow.js';

/** Extensions PGlite ships, by the name CREATE EXTENSION uses. */
const CONTRIB = new Set(
  ('amcheck bloom btree_gin btree_gist citext cube dict_int dict_xsyn earthdistance fuzzystrmatch ' +
    'hstore intarray isn lo ltree moddatetime pg_trgm pgcrypto seg tablefunc tcn tsm_system_rows ' +
    'tsm_system_time unaccent uuid-ossp').split(' '),
);

type Extension = Extensions[string];

async function loadExtension(name: string): Promise<[string, Extension] | undefined> {
  const exportName = name.replace('-', '_');
  if (!CONTRIB.has(name)) return undefined;
  const mod = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, Extension>;
  return [exportName, mod[exportName]!];
}

let opened = 0;
let pristine: Promise<Blob> | undefined;

/**
 * initdb dominates a PGlite start (about 3 s against 0.6 s to load a data directory), so a process
 * that opens a second shadow — tests, the corpus, a check after a plan — keeps a copy of a fresh
 * data directory and starts every later shadow from it. A one-shot `diff` pays nothing for this.
 */
async function pristineDataDir(PGlite: typeof import('@electric-sql/pglite').PGlite): Promise<Blob | undefined> {
  if (++opened < 2) return undefined;
  pristine ??= (async () => {
    const fresh = await PGlite.create();
    try {
      return (await fresh.dumpDataDir('none')) as Blob;
    } finally {
      await fresh.close();
    }
  })();
  return pristine;
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
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions: Extensions = {};
  for (const name of extensionNames) {
    const loaded = await loadExtension(name);
    if (loaded) extensions[loaded[0]] = loaded[1];
    else warn(`PGlite does not ship extension "${name}"; use --shadow-url with a server that has it`);
  }
  const pg = await PGlite.create({ extensions, loadDataDir: await pristineDataDir(PGlite) });
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
  return {
    db: {
      query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await pg.query<Row>(sql, params)).rows }),
      exec: (sql: string) => pg.exec(sql),
    },
    serverVersion: Number(rows[0]!.v),
    description: 'embedded PGlite',
    dispose: () => pg.close(),
  };
}
