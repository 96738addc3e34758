import { qualify, quoteLiteral } from '../../sql/quote.js';

/** Reloptions by name: a view's (check_option, security_barrier) or a materialized view's storage. */
export type Options = Record<string, string>;

/** `toast.autovacuum_enabled = 'true'`: a namespaced name is two identifiers, a value a literal. */
const assignment = (name: string, value: string) => `${qualify(...name.split('.'))} = ${quoteLiteral(value)}`;

/** ` WITH (…)` for CREATE, empty when there are no options. */
export function withOptions(options: Options): string {
  const entries = Object.entries(options);
  return entries.length ? ` WITH (${entries.map(([k, v]) => assignment(k, v)).join(', ')})` : '';
}

/** The SET (…) and RESET (…) clauses that turn one set of options into another. */
export function optionChanges(from: Options, to: Options): string[] {
  const set = Object.entries(to).filter(([k, v]) => from[k] !== v);
  const reset = Object.keys(from).filter((k) => !(k in to));
  const clauses: string[] = [];
  if (set.length) clauses.push(`SET (${set.map(([k, v]) => assignment(k, v)).join(', ')})`);
  if (reset.length) clauses.push(`RESET (${reset.map((k) => qualify(...k.split('.'))).join(', ')})`);
  return clauses;
}
