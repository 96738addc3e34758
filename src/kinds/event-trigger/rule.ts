import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import { STATE_CLAUSES } from '../trigger/rule.js';
import type { EventTriggerFact, EventTriggerPayload } from './query.js';

export const eventTriggerName = (fact: EventTriggerFact): string => quoteIdent(fact.name[0]);

function setState(fact: EventTriggerFact): Action {
  const clause = STATE_CLAUSES[fact.payload.enabled]!;
  return action('event_trigger', { sql: `ALTER EVENT TRIGGER ${eventTriggerName(fact)} ${clause};`, alters: [fact.id] });
}

export function createEventTrigger(fact: EventTriggerFact): Action[] {
  const p = fact.payload;
  const when = p.tags.length ? ` WHEN TAG IN (${p.tags.map(quoteLiteral).join(', ')})` : '';
  const out = [
    action('event_trigger', {
      sql: `CREATE EVENT TRIGGER ${eventTriggerName(fact)} ON ${quoteIdent(p.event)}${when} EXECUTE FUNCTION ${p.function}();`,
      creates: [fact.id],
    }),
  ];
  if (p.enabled !== 'enabled') out.push(setState(fact));
  return out;
}

export const switchState = ({ to }: Change<EventTriggerPayload, EventTriggerFact['name']>): Action[] => [setState(to)];
