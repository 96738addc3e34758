import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { userMappingQuery, type UserMappingFact, type UserMappingInfo, type UserMappingPayload } from './query.js';
import { createMapping, mappingOf } from './rule.js';

/** User mappings: dropping one loses the credentials it holds in the database; making it again needs them by hand. */
export const userMapping = defineKind<UserMappingPayload, UserMappingFact['name'], UserMappingInfo>({
  id: 'user_mapping',
  query: userMappingQuery,
  objectRef: mappingOf,
  create: createMapping,
  drop: (fact) => [
    action('user_mapping', {
      sql: `DROP ${mappingOf(fact)};`,
      hazards: [{ kind: 'breaking-change', message: 'the credentials in its options are lost; making it again needs them set by hand' }],
    }),
  ],
  // Its payload is empty: a mapping is there or not, and never changes.
  attributes: {},
});
