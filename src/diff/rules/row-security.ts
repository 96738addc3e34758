import type { Fact } from '../../catalog/fact.js';
import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { Rule } from '../rule.js';

const SWITCHES = { enabled: ['ENABLE', 'DISABLE'], forced: ['FORCE', 'NO FORCE'] } as const;

/** ALTER TABLE … ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY for each switch that moves. */
function switchTo(fact: Fact, state: Record<string, boolean>, edge: Partial<Pick<Action, 'creates' | 'alters'>>, keys?: string[]): Action[] {
  const table = qualify(fact.name[0]!, fact.name[1]!);
  return (Object.keys(SWITCHES) as (keyof typeof SWITCHES)[])
    .filter((k) => (keys ? keys.includes(k) : state[k]))
    .map((k) => action('row-security', {
      sql: `ALTER TABLE ${table} ${SWITCHES[k][state[k] ? 0 : 1]} ROW LEVEL SECURITY;`,
      hazards: [{ kind: 'authz-change', message: `changes which rows of ${table} sessions see` }],
      ...edge,
    }));
}

export const rowSecurityRule: Rule = {
  kind: 'row-security',
  objectRef: () => {
    throw new Error('row level security is a switch of its table');
  },
  create: (fact) => switchTo(fact, fact.payload as Record<string, boolean>, { creates: [fact.id] }),
  // Only reached while the table stays: both switches go back to off.
  drop: (fact) => switchTo(fact, { enabled: false, forced: false }, {}, Object.keys(SWITCHES).filter((k) => fact.payload[k])),
  alter: ({ to, keys }) => switchTo(to, to.payload as Record<string, boolean>, { alters: [to.id] }, keys),
};
