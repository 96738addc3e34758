import type { Fact } from '../../catalog/fact.js';
import { quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';
import { alterOptionsClause, optionsClause, type Options } from './foreign-options.js';

const nameOf = (fact: Fact) => quoteIdent(fact.name[0]!);
const handlerClause = (fact: Fact) => (fact.payload.handler ? `HANDLER ${fact.payload.handler}` : 'NO HANDLER');
const validatorClause = (fact: Fact) => (fact.payload.validator ? `VALIDATOR ${fact.payload.validator}` : 'NO VALIDATOR');

/** Handler, validator and options all change in place. */
export const foreignDataWrapperRule: Rule = {
  kind: 'foreign_data_wrapper',
  objectRef: (fact) => `FOREIGN DATA WRAPPER ${nameOf(fact)}`,
  create: (fact) => [
    action('foreign_data_wrapper', {
      sql: `CREATE FOREIGN DATA WRAPPER ${nameOf(fact)} ${handlerClause(fact)} ${validatorClause(fact)}${optionsClause(fact.payload.options as Options)};`,
      creates: [fact.id],
    }),
  ],
  drop: (fact) => [action('foreign_data_wrapper', { sql: `DROP FOREIGN DATA WRAPPER ${nameOf(fact)};` })],
  alter: ({ from, to, keys }) => {
    const clauses = [
      ...(keys.includes('handler') ? [` ${handlerClause(to)}`] : []),
      ...(keys.includes('validator') ? [` ${validatorClause(to)}`] : []),
      alterOptionsClause(from.payload.options as Options, to.payload.options as Options),
    ].join('');
    return [action('foreign_data_wrapper', { sql: `ALTER FOREIGN DATA WRAPPER ${nameOf(to)}${clauses};`, alters: [to.id] })];
  },
};
