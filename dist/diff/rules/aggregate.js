import { quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
import { signature } from './function.js';
/** An aggregate of no arguments is written `agg(*)`. */
const aggregateSignature = (fact) => signature(fact, String(fact.info.identity) || '*');
/** The options of CREATE AGGREGATE, each only when it differs from leaving it out. */
function options(fact) {
    const p = fact.payload;
    const out = [`SFUNC = ${p.sfunc}`, `STYPE = ${p.stype}`];
    const add = (condition, option) => {
        if (condition)
            out.push(option);
    };
    add(p.sspace, `SSPACE = ${p.sspace}`);
    add(p.finalfunc, `FINALFUNC = ${p.finalfunc}`);
    add(p.finalfunc && p.finalfuncExtra, 'FINALFUNC_EXTRA');
    add(p.finalfunc, `FINALFUNC_MODIFY = ${p.finalfuncModify}`);
    add(p.combinefunc, `COMBINEFUNC = ${p.combinefunc}`);
    add(p.serialfunc, `SERIALFUNC = ${p.serialfunc}`);
    add(p.deserialfunc, `DESERIALFUNC = ${p.deserialfunc}`);
    add(p.initcond !== null, `INITCOND = ${quoteLiteral(String(p.initcond))}`);
    add(p.msfunc, `MSFUNC = ${p.msfunc}`);
    add(p.minvfunc, `MINVFUNC = ${p.minvfunc}`);
    add(p.mstype, `MSTYPE = ${p.mstype}`);
    add(p.msspace, `MSSPACE = ${p.msspace}`);
    add(p.mfinalfunc, `MFINALFUNC = ${p.mfinalfunc}`);
    add(p.mfinalfunc && p.mfinalfuncExtra, 'MFINALFUNC_EXTRA');
    add(p.mfinalfunc, `MFINALFUNC_MODIFY = ${p.mfinalfuncModify}`);
    add(p.minitcond !== null, `MINITCOND = ${quoteLiteral(String(p.minitcond))}`);
    add(p.sortop, `SORTOP = ${p.sortop}`);
    out.push(`PARALLEL = ${p.parallel}`);
    add(p.kind === 'hypothetical', 'HYPOTHETICAL');
    return out;
}
function define(fact, orReplace) {
    return action('aggregate', {
        sql: `CREATE ${orReplace ? 'OR REPLACE ' : ''}AGGREGATE ${aggregateSignature(fact)} (\n  ${options(fact).join(',\n  ')}\n);`,
        [orReplace ? 'alters' : 'creates']: [fact.id],
    });
}
/** CREATE OR REPLACE keeps the aggregate's users; it cannot change its kind, arguments or result. */
export const aggregateRule = {
    kind: 'aggregate',
    objectRef: (fact) => `AGGREGATE ${aggregateSignature(fact)}`,
    create: (fact) => [define(fact, false)],
    drop: (fact) => [action('aggregate', { sql: `DROP AGGREGATE ${aggregateSignature(fact)};` })],
    alter: ({ from, to }) => {
        const same = from.kind === to.kind && ['kind', 'arguments'].every((k) => from.payload[k] === to.payload[k]);
        return same && from.info.returns === to.info.returns ? [define(to, true)] : 'replace';
    },
};
//# sourceMappingURL=aggregate.js.map