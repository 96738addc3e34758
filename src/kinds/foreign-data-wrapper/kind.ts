import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { foreignDataWrapperQuery, type ForeignDataWrapperFact, type ForeignDataWrapperPayload } from './query.js';
import { alterWrapper, createWrapper, nameOf } from './rule.js';

/** Foreign data wrappers a user created: everything about one changes in place. */
export const foreignDataWrapper = defineKind<ForeignDataWrapperPayload, ForeignDataWrapperFact['name']>({
  id: 'foreign_data_wrapper',
  query: foreignDataWrapperQuery,
  objectRef: (fact) => `FOREIGN DATA WRAPPER ${nameOf(fact)}`,
  create: createWrapper,
  drop: (fact) => [action('foreign_data_wrapper', { sql: `DROP FOREIGN DATA WRAPPER ${nameOf(fact)};` })],
  attributes: {
    handler: alterWrapper,
    validator: alterWrapper,
    options: alterWrapper,
  },
});
