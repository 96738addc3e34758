import { defineKind } from '../kind.js';
import { rowSecurityQuery, type RowSecurityFact, type RowSecurityPayload } from './query.js';
import { flipSwitches, switchOff, switchOn } from './rule.js';

/** Row level security is two switches of a table, each flipped on its own. */
export const rowSecurity = defineKind<RowSecurityPayload, RowSecurityFact['name']>({
  id: 'row_security',
  query: rowSecurityQuery,
  objectRef: () => {
    throw new Error('row level security is a switch of its table');
  },
  create: switchOn,
  drop: switchOff,
  attributes: { enabled: flipSwitches, forced: flipSwitches },
});
