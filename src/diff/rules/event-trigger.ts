import type { Fact } from '../../catalog/fact.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { Rule } from '../rule.js';
import { STATE_CLAUSES } from '../../kinds/trigger/rule.js';

const nameOf = (fact: Fact) => quoteIdent(fact.name[0]!);

function setState(fact: Fact): Action {
  const clause = STATE_CLAUSES[String(fact.payload.enabled)]!;
  return action('event_trigger', { sql: `ALTER EVENT TRIGGER ${nameOf(fact)} ${clause};`, alters: [fact.id] });
}

function createEventTrigger(fact: Fact): Action[] {
  const p = fact.payload;
  const tags = p.tags as string[];
  const when = tags.length ? ` WHEN TAG IN (${tags.map(quoteLiteral).join(', ')})` : '';
  const out = [
    action('event_trigger', {
      sql: `CREATE EVENT TRIGGER ${nameOf(fact)} ON ${quoteIdent(String(p.event))}${when} EXECUTE FUNCTION ${p.function}();`,
      creates: [fact.id],
    }),
  ];
  if (p.enabled !== 'enabled') out.push(setState(fact));
  return out;
}

/** Only the firing state changes in place; a new event, tag list or function is a new trigger. */
export const eventTriggerRule: Rule = {
  kind: 'event_trigger',
  objectRef: (fact) => `EVENT TRIGGER ${nameOf(fact)}`,
  create: createEventTrigger,
  drop: (fact) => [action('event_trigger', { sql: `DROP EVENT TRIGGER ${nameOf(fact)};` })],
  alter: ({ to, keys }) => (keys.every((k) => k === 'enabled') ? [setState(to)] : 'replace'),
};
