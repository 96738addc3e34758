import { KIND_QUERIES } from './kinds/index.js';
import { SCOPE_SETTINGS } from './scope.js';
import { unmodelledObjects } from './unmodelled.js';
/**
 * Reads the whole catalog inside one REPEATABLE READ READ ONLY transaction so every kind sees the
 * same snapshot. search_path is pg_catalog only, so every deparsed expression and type names its
 * schema: the same object reads the same on both sides whatever the session's path was.
 */
export async function readCatalog(db, options = {}) {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
        await db.query(`SET LOCAL search_path = pg_catalog`);
        await db.query(`SELECT pg_catalog.set_config($1, $2, true), pg_catalog.set_config($3, $4, true)`, [
            SCOPE_SETTINGS.include,
            options.includeSchemas?.length ? JSON.stringify(options.includeSchemas) : '',
            SCOPE_SETTINGS.exclude,
            JSON.stringify(options.excludeSchemas ?? []),
        ]);
        const extracted = [];
        for (const kind of KIND_QUERIES)
            extracted.push(...(await kind.extract(db, options)));
        const edges = await readDependencies(db);
        const built = buildCatalog(extracted, edges);
        // A fact its last step left out (a comment on an unmodelled object) models nothing.
        const modelled = new Set(extracted.filter((f) => built.has(f.id)).flatMap((f) => f.refs));
        const unmodelled = await unmodelledObjects(db, modelled);
        await db.query('COMMIT');
        return { catalog: withoutKinds(built, options.excludeKinds ?? []), unmodelled };
    }
    catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
export async function extractCatalog(db, options = {}) {
    return (await readCatalog(db, options)).catalog;
}
/** The catalog without facts of the given kinds and without what lives inside them. */
function withoutKinds(catalog, kinds) {
    if (kinds.length === 0)
        return catalog;
    const left = (fact) => !kinds.includes(fact.kind) && (!fact.parent || !catalog.has(fact.parent) || left(catalog.get(fact.parent)));
    return new Map([...catalog].filter(([, fact]) => left(fact)));
}
/** Every user object's normal and automatic dependencies, one round trip for all kinds. */
async function readDependencies(db) {
    const { rows } = await db.query(`
    SELECT d.classid::oid::text || ':' || d.objid::text || ':' || d.objsubid::text AS ref,
           d.refclassid::oid::text || ':' || d.refobjid::text || ':' || d.refobjsubid::text AS target,
           d.refclassid::oid::text || ':' || d.refobjid::text || ':0' AS target_whole
    FROM pg_catalog.pg_depend d
    WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384`);
    return rows;
}
function buildCatalog(extracted, edges) {
    const byRef = new Map();
    for (const fact of extracted)
        for (const ref of fact.refs)
            byRef.set(ref, fact.id);
    const wholeRef = (ref) => ref.replace(/:\d+$/, ':0');
    const catalog = new Map();
    const deps = new Map();
    for (const { refs: _refs, resolve: _resolve, ...fact } of extracted) {
        const own = fact;
        catalog.set(own.id, own);
        deps.set(own.id, new Set(own.parent ? [own.parent, ...own.deps] : own.deps));
    }
    for (const edge of edges) {
        const from = byRef.get(edge.ref) ?? byRef.get(wholeRef(edge.ref));
        const to = byRef.get(edge.target) ?? byRef.get(edge.target_whole);
        if (from && to && from !== to)
            deps.get(from)?.add(to);
    }
    for (const [id, set] of deps) {
        const fact = catalog.get(id);
        fact.deps = [...set].filter((dep) => dep !== id).sort();
    }
    return resolveFacts(catalog, extracted, (ref) => byRef.get(ref));
}
/** Gives each fact that asks for it its last step; a resolved fact may change its id. */
function resolveFacts(catalog, extracted, idOf) {
    const resolvers = new Map(extracted.map((f) => [f.id, f.resolve]));
    const resolved = new Map();
    for (const fact of catalog.values()) {
        const resolve = resolvers.get(fact.id);
        const final = resolve ? resolve(fact, idOf) : fact;
        if (final)
            resolved.set(final.id, final);
    }
    return resolved;
}
//# sourceMappingURL=extract.js.map