import type { TypeName } from '../common/type-fact.js';
import { typeStatements } from '../common/type-rule.js';
import { defineKind } from '../kind.js';
import { rangeQuery, type RangePayload } from './query.js';
import { createRange, recreateRange } from './rule.js';

/**
 * Range types: ALTER TYPE changes none of their options, yet a range is made anew with its rows
 * parked as text rather than dropped with everything that uses it.
 */
export const range = defineKind<RangePayload, TypeName>({
  id: 'range',
  query: rangeQuery,
  ...typeStatements<RangePayload>('range'),
  create: createRange,
  attributes: {
    subtype: recreateRange,
    opclass: recreateRange,
    collation: recreateRange,
    canonical: recreateRange,
    subtypeDiff: recreateRange,
    multirange: recreateRange,
  },
});
