import { quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import { alterOptionsClause, optionsClause } from '../common/foreign-options.js';
import type { ForeignDataWrapperFact, ForeignDataWrapperPayload } from './query.js';

export const nameOf = (fact: ForeignDataWrapperFact) => quoteIdent(fact.name[0]);
const handlerClause = (fact: ForeignDataWrapperFact) => (fact.payload.handler ? `HANDLER ${fact.payload.handler}` : 'NO HANDLER');
const validatorClause = (fact: ForeignDataWrapperFact) => (fact.payload.validator ? `VALIDATOR ${fact.payload.validator}` : 'NO VALIDATOR');

export const createWrapper = (fact: ForeignDataWrapperFact): Action[] => [
  action('foreign_data_wrapper', {
    sql: `CREATE FOREIGN DATA WRAPPER ${nameOf(fact)} ${handlerClause(fact)} ${validatorClause(fact)}${optionsClause(fact.payload.options)};`,
    creates: [fact.id],
  }),
];

/** Handler, validator and options change in one ALTER FOREIGN DATA WRAPPER, whichever changed. */
export function alterWrapper({ from, to, keys }: Change<ForeignDataWrapperPayload, ForeignDataWrapperFact['name']>): Action[] {
  const clauses = [
    ...(keys.includes('handler') ? [` ${handlerClause(to)}`] : []),
    ...(keys.includes('validator') ? [` ${validatorClause(to)}`] : []),
    alterOptionsClause(from.payload.options, to.payload.options),
  ].join('');
  return [action('foreign_data_wrapper', { sql: `ALTER FOREIGN DATA WRAPPER ${nameOf(to)}${clauses};`, alters: [to.id] })];
}
