import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { aggregateQuery, type AggregateFact, type AggregateInfo, type AggregatePayload } from './query.js';
import { aggregateSignature, define, redefine } from './rule.js';

/** Aggregates: CREATE OR REPLACE changes any option, never the kind or the arguments. */
export const aggregate = defineKind<AggregatePayload, AggregateFact['name'], AggregateInfo>({
  id: 'aggregate',
  query: aggregateQuery,
  objectRef: (fact) => `AGGREGATE ${aggregateSignature(fact)}`,
  create: (fact) => [define(fact, false)],
  drop: (fact) => [action('aggregate', { sql: `DROP AGGREGATE ${aggregateSignature(fact)};` })],
  attributes: {
    arguments: 'replace',
    kind: 'replace',
    sfunc: redefine,
    stype: redefine,
    sspace: redefine,
    finalfunc: redefine,
    finalfuncExtra: redefine,
    finalfuncModify: redefine,
    combinefunc: redefine,
    serialfunc: redefine,
    deserialfunc: redefine,
    initcond: redefine,
    msfunc: redefine,
    minvfunc: redefine,
    mstype: redefine,
    msspace: redefine,
    mfinalfunc: redefine,
    mfinalfuncExtra: redefine,
    mfinalfuncModify: redefine,
    minitcond: redefine,
    sortop: redefine,
    parallel: redefine,
  },
});
