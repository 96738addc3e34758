import { quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult } from '../../diff/rule.js';
import { signature } from '../function/signature.js';
import type { AggregateFact, AggregateInfo, AggregatePayload } from './query.js';

/** An aggregate of no arguments is written `agg(*)`. */
export const aggregateSignature = (fact: AggregateFact) => signature(fact, fact.info.identity || '*');

/** The options of CREATE AGGREGATE, each only when it differs from leaving it out. */
function options(fact: AggregateFact): string[] {
  const p = fact.payload;
  const out = [`SFUNC = ${p.sfunc}`, `STYPE = ${p.stype}`];
  const add = (condition: unknown, option: string) => {
    if (condition) out.push(option);
  };
  add(p.sspace, `SSPACE = ${p.sspace}`);
  add(p.finalfunc, `FINALFUNC = ${p.finalfunc}`);
  add(p.finalfunc && p.finalfuncExtra, 'FINALFUNC_EXTRA');
  add(p.finalfunc, `FINALFUNC_MODIFY = ${p.finalfuncModify}`);
  add(p.combinefunc, `COMBINEFUNC = ${p.combinefunc}`);
  add(p.serialfunc, `SERIALFUNC = ${p.serialfunc}`);
  add(p.deserialfunc, `DESERIALFUNC = ${p.deserialfunc}`);
  if (p.initcond !== null) out.push(`INITCOND = ${quoteLiteral(p.initcond)}`);
  add(p.msfunc, `MSFUNC = ${p.msfunc}`);
  add(p.minvfunc, `MINVFUNC = ${p.minvfunc}`);
  add(p.mstype, `MSTYPE = ${p.mstype}`);
  add(p.msspace, `MSSPACE = ${p.msspace}`);
  add(p.mfinalfunc, `MFINALFUNC = ${p.mfinalfunc}`);
  add(p.mfinalfunc && p.mfinalfuncExtra, 'MFINALFUNC_EXTRA');
  add(p.mfinalfunc, `MFINALFUNC_MODIFY = ${p.mfinalfuncModify}`);
  if (p.minitcond !== null) out.push(`MINITCOND = ${quoteLiteral(p.minitcond)}`);
  add(p.sortop, `SORTOP = ${p.sortop}`);
  out.push(`PARALLEL = ${p.parallel}`);
  add(p.kind === 'hypothetical', 'HYPOTHETICAL');
  return out;
}

export function define(fact: AggregateFact, orReplace: boolean): Action {
  return action('aggregate', {
    sql: `CREATE ${orReplace ? 'OR REPLACE ' : ''}AGGREGATE ${aggregateSignature(fact)} (\n  ${options(fact).join(',\n  ')}\n);`,
    [orReplace ? 'alters' : 'creates']: [fact.id],
  });
}

/**
 * CREATE OR REPLACE keeps the aggregate's users; it cannot change the result. Routines share one
 * id space, so the fact wanted may be a function of the same signature: that one is made anew too.
 */
export function redefine({ from, to }: Change<AggregatePayload, AggregateFact['name'], AggregateInfo>): AlterResult {
  return from.kind === to.kind && from.info.returns === to.info.returns ? [define(to, true)] : 'replace';
}
