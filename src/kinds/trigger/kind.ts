import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { triggerQuery, type TriggerFact, type TriggerPayload } from './query.js';
import { createTrigger, nameOf, switchState, tableOf } from './rule.js';

/** Triggers: CREATE OR REPLACE TRIGGER is not on PostgreSQL 13, so a changed definition is dropped and created. */
export const trigger = defineKind<TriggerPayload, TriggerFact['name']>({
  id: 'trigger',
  query: triggerQuery,
  objectRef: (fact) => `TRIGGER ${nameOf(fact)} ON ${tableOf(fact)}`,
  create: createTrigger,
  drop: (fact) => [action('trigger', { sql: `DROP TRIGGER ${nameOf(fact)} ON ${tableOf(fact)};` })],
  attributes: {
    definition: 'replace',
    enabled: switchState,
  },
});
