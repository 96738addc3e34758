import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RowSecurityFact, RowSecurityPayload } from './query.js';

type Switch = keyof RowSecurityPayload;

const SWITCHES: { key: Switch; on: string; off: string }[] = [
  { key: 'enabled', on: 'ENABLE', off: 'DISABLE' },
  { key: 'forced', on: 'FORCE', off: 'NO FORCE' },
];

/** ALTER TABLE … ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY for each switch that moves. */
function switchTo(
  fact: RowSecurityFact,
  state: RowSecurityPayload,
  edge: Partial<Pick<Action, 'creates' | 'alters'>>,
  keys?: readonly Switch[],
): Action[] {
  const table = qualify(fact.name[0], fact.name[1]);
  return SWITCHES
    .filter(({ key }) => (keys ? keys.includes(key) : state[key]))
    .map(({ key, on, off }) => action('row_security', {
      sql: `ALTER TABLE ${table} ${state[key] ? on : off} ROW LEVEL SECURITY;`,
      hazards: [{ kind: 'authz-change', message: `changes which rows of ${table} sessions see` }],
      ...edge,
    }));
}

export const switchOn = (fact: RowSecurityFact): Action[] => switchTo(fact, fact.payload, { creates: [fact.id] });

/** Only reached while the table stays: both switches go back to off. */
export const switchOff = (fact: RowSecurityFact): Action[] =>
  switchTo(fact, { enabled: false, forced: false }, {}, SWITCHES.map(({ key }) => key).filter((key) => fact.payload[key]));

export const flipSwitches = ({ to, keys }: Change<RowSecurityPayload, RowSecurityFact['name']>): Action[] =>
  switchTo(to, to.payload, { alters: [to.id] }, keys);
