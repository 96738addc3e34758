import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { StorageParametersFact, StorageParametersPayload } from './query.js';

const tableOf = (fact: StorageParametersFact) => qualify(fact.name[0], fact.name[1]);

/** `toast.autovacuum_enabled=false` → [`toast.autovacuum_enabled`, `false`]. */
function parse(options: string[]): Map<string, string> {
  return new Map(options.map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]));
}

const optionsOf = (fact: StorageParametersFact | undefined) => parse(fact ? fact.payload.options : []);

/** RESET what the target no longer sets, SET what it sets differently; parameter names are qualified, values literals. */
function change(table: string, before: Map<string, string>, after: Map<string, string>, extra: Partial<Action>): Action[] {
  const reset = [...before.keys()].filter((k) => !after.has(k));
  const set = [...after].filter(([k, v]) => before.get(k) !== v);
  const clauses = [
    ...(reset.length ? [`RESET (${reset.map((k) => qualify(...k.split('.'))).join(', ')})`] : []),
    ...(set.length ? [`SET (${set.map(([k, v]) => `${qualify(...k.split('.'))} = ${quoteLiteral(v)}`).join(', ')})`] : []),
  ];
  return clauses.length ? [action('storage_parameters', { sql: `ALTER TABLE ${table} ${clauses.join(', ')};`, ...extra })] : [];
}

export const setParameters = (fact: StorageParametersFact): Action[] =>
  change(tableOf(fact), optionsOf(undefined), optionsOf(fact), { creates: [fact.id] });

export const resetParameters = (fact: StorageParametersFact): Action[] =>
  change(tableOf(fact), optionsOf(fact), optionsOf(undefined), {});

export const changeParameters = ({ from, to }: Change<StorageParametersPayload, StorageParametersFact['name']>): Action[] =>
  change(tableOf(to), optionsOf(from), optionsOf(to), { alters: [to.id] });
