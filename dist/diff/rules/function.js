import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify } from '../../sql/quote.js';
import { action } from '../action.js';
/** `public.f(a integer, b text)`: how DROP, COMMENT ON and GRANT name one routine among its overloads. */
export const signature = (fact, args = String(fact.info.identity)) => `${qualify(fact.name[0], fact.name[1])}(${args})`;
/**
 * A string body may read tables the same migration creates after it (they may need the function
 * first, for a default), and pg_depend does not see into it; pg_dump loads functions the same way.
 */
const UNCHECKED_BODIES = 'check_function_bodies = off';
function define(fact, effect) {
    return action(fact.kind, { sql: `${String(fact.payload.definition)};`, [effect]: [fact.id], settings: [UNCHECKED_BODIES] });
}
/**
 * CREATE OR REPLACE keeps a routine's grants and dependents, but Postgres refuses it for another
 * kind, result or parameter list (names, modes, types) and for taking a default away.
 */
function replaceableInPlace(from, to) {
    const same = (key) => canonicalJson(from.info[key] ?? null) === canonicalJson(to.info[key] ?? null);
    return from.kind === to.kind && same('prokind') && same('returns') && same('params') && Number(to.info.defaults) >= Number(from.info.defaults);
}
/** Functions and procedures differ only in the keyword that names them. */
function routineRule(kind) {
    const keyword = kind.toUpperCase();
    return {
        kind,
        objectRef: (fact) => `${keyword} ${signature(fact)}`,
        create: (fact) => [define(fact, 'creates')],
        drop: (fact, ctx) => [
            action(kind, {
                sql: `DROP ${keyword} ${signature(fact)};`,
                hazards: ctx.target.has(fact.id)
                    ? []
                    : [{ kind: 'breaking-change', message: `drops ${kind} ${signature(fact)}: whoever still calls it fails` }],
            }),
        ],
        alter: ({ from, to }) => (replaceableInPlace(from, to) ? [define(to, 'alters')] : 'replace'),
    };
}
export const functionRule = routineRule('function');
export const procedureRule = routineRule('procedure');
//# sourceMappingURL=function.js.map