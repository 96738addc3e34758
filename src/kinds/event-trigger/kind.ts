import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { eventTriggerQuery, type EventTriggerFact, type EventTriggerPayload } from './query.js';
import { createEventTrigger, eventTriggerName, switchState } from './rule.js';

/** Only the firing state changes in place; a new event, tag list or function is a new trigger. */
export const eventTrigger = defineKind<EventTriggerPayload, EventTriggerFact['name']>({
  id: 'event_trigger',
  query: eventTriggerQuery,
  objectRef: (fact) => `EVENT TRIGGER ${eventTriggerName(fact)}`,
  create: createEventTrigger,
  drop: (fact) => [action('event_trigger', { sql: `DROP EVENT TRIGGER ${eventTriggerName(fact)};` })],
  attributes: {
    event: 'replace',
    tags: 'replace',
    function: 'replace',
    enabled: switchState,
  },
});
