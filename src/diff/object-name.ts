import type { Fact } from '../catalog/fact.js';
import { factId } from '../catalog/fact-id.js';
import { qualify, quoteIdent } from '../sql/quote.js';

/** The SQL words of the kinds whose fact kind is not already one. */
const KIND_WORDS: Record<string, string> = {
  matview: 'materialized view',
  composite: 'type',
  enum: 'type',
  range: 'type',
  'domain_constraint': 'constraint',
  'default_privileges': 'default privileges',
  'row_security': 'row level security of',
  privileges: 'privileges on',
  comment: 'comment on',
  owner: 'owner of',
};

/** Kinds named after the table (or domain) they are on, as SQL writes them: `trigger audit ON public.film`. */
const ON_THEIR_TABLE = new Set(['constraint', 'domain_constraint', 'trigger', 'policy', 'rule']);

/**
 * An object as messages name it, in SQL's words and quoting (`view public.film_list`,
 * `function public.f(integer)`, `trigger audit ON public.film`, `privileges on view public.v`),
 * never its fact id (`view:public.film_list`).
 */
export function objectName(fact: Pick<Fact, 'kind' | 'name'> & { id?: string }): string {
  if (ON_THEIR_TABLE.has(fact.kind) && fact.name.length > 1) {
    return `${KIND_WORDS[fact.kind] ?? fact.kind} ${quoteIdent(fact.name.at(-1)!)} ON ${qualify(...fact.name.slice(0, -1))}`;
  }
  return nameOfId(fact.id ?? factId(fact.kind, ...fact.name));
}

/**
 * A fact id is its kind, `:` (or `@`), and the quoted name with a function's arguments; the facts
 * about another object (privileges, comments) hold that object's id in place of a name.
 */
function nameOfId(id: string): string {
  const match = /^([a-z_]+)[:@](.*)$/s.exec(id);
  if (!match) return id;
  const [, kind, rest] = match as unknown as [string, string, string];
  return `${KIND_WORDS[kind] ?? kind} ${/^[a-z_]+[:@]/.test(rest) ? nameOfId(rest) : rest}`;
}
