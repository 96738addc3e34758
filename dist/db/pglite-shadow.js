import { quoteIdent } from '../sql/quote.js';
/** Extensions PGlite ships, by the name CREATE EXTENSION uses. */
const CONTRIB = new Set(('amcheck bloom btree_gin btree_gist citext cube dict_int dict_xsyn earthdistance fuzzystrmatch ' +
    'hstore intarray isn lo ltree moddatetime pg_trgm pgcrypto seg tablefunc tcn tsm_system_rows ' +
    'tsm_system_time unaccent uuid-ossp').split(' '));
async function loadExtension(name) {
    const exportName = name.replace('-', '_');
    if (!CONTRIB.has(name))
        return undefined;
    const mod = (await import(`@electric-sql/pglite/contrib/${exportName}`));
    return [exportName, mod[exportName]];
}
let opened = 0;
let pristine;
/**
 * initdb dominates a PGlite start (about 3 s against 0.6 s to load a data directory), so a process
 * that opens a second shadow — tests, the corpus, a check after a plan — keeps a copy of a fresh
 * data directory and starts every later shadow from it. A one-shot `diff` pays nothing for this.
 */
async function pristineDataDir(PGlite) {
    if (++opened < 2)
        return undefined;
    pristine ??= (async () => {
        const fresh = await PGlite.create();
        try {
            return (await fresh.dumpDataDir('none'));
        }
        finally {
            await fresh.close();
        }
    })();
    return pristine;
}
/**
 * An in-process PostgreSQL (PGlite, WebAssembly) so `diff` needs nothing but the target. PGlite
 * loads extensions only when it starts, so the caller names the ones the schema creates. The roles
 * the schema names are made in it, as nothing outside can see them: whether the database has them
 * is for the diff to say.
 */
export async function openPgliteShadow(extensionNames, roleNames, warn) {
    const { PGlite } = await import('@electric-sql/pglite');
    const extensions = {};
    for (const name of extensionNames) {
        const loaded = await loadExtension(name);
        if (loaded)
            extensions[loaded[0]] = loaded[1];
        else
            warn(`PGlite does not ship extension "${name}"; use --shadow-url with a server that has it`);
    }
    const pg = await PGlite.create({ extensions, loadDataDir: await pristineDataDir(PGlite) });
    for (const role of roleNames) {
        await pg.exec(`DO $$ BEGIN CREATE ROLE ${quoteIdent(role)}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    }
    const { rows } = await pg.query(`SELECT current_setting('server_version_num') AS v`);
    return {
        db: {
            query: async (sql, params) => ({ rows: (await pg.query(sql, params)).rows }),
            exec: (sql) => pg.exec(sql),
        },
        serverVersion: Number(rows[0].v),
        description: 'embedded PGlite',
        dispose: () => pg.close(),
    };
}
//# sourceMappingURL=pglite-shadow.js.map