import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { TriggerFact, TriggerPayload } from './query.js';

export const tableOf = (fact: TriggerFact) => qualify(fact.name[0], fact.name[1]);
export const nameOf = (fact: TriggerFact) => quoteIdent(fact.name[2]);

/** How ALTER TABLE and ALTER EVENT TRIGGER put a trigger into each firing state. */
export const STATE_CLAUSES: Record<string, string> = {
  enabled: 'ENABLE',
  disabled: 'DISABLE',
  replica: 'ENABLE REPLICA',
  always: 'ENABLE ALWAYS',
};

function setState(fact: TriggerFact): Action {
  const clause = STATE_CLAUSES[fact.payload.enabled]!;
  return action('trigger', { sql: `ALTER TABLE ${tableOf(fact)} ${clause} TRIGGER ${nameOf(fact)};`, alters: [fact.id] });
}

export function createTrigger(fact: TriggerFact): Action[] {
  const out = [action('trigger', { sql: `${fact.payload.definition};`, creates: [fact.id] })];
  if (fact.payload.enabled !== 'enabled') out.push(setState(fact));
  return out;
}

/** A trigger that only fires differently is switched in place. */
export const switchState = ({ to }: Change<TriggerPayload, TriggerFact['name']>): Action[] => [setState(to)];
