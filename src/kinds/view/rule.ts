import type { Catalog } from '../../catalog/fact.js';
import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult } from '../../diff/rule.js';
import type { ViewFact, ViewInfo, ViewPayload } from './query.js';
import { optionChanges, withOptions } from './relation-options.js';

type ViewChange = Change<ViewPayload, ViewFact['name'], ViewInfo>;

export const viewName = (fact: ViewFact) => qualify(fact.name[0], fact.name[1]);

/**
 * CREATE OR REPLACE VIEW keeps every existing column with its name, type and collation, and may
 * only add columns after them; anything else needs the view dropped and created again.
 */
function replaceableInPlace(from: ViewFact, to: ViewFact): boolean {
  const before = from.info.columns;
  const after = to.info.columns;
  return before.length <= after.length && before.every((c, i) => canonicalJson(c) === canonicalJson(after[i]!));
}

/** CREATE [OR REPLACE] VIEW with every option: on replace, the options given are the options kept. */
function defineView(fact: ViewFact, orReplace: boolean): string {
  const options = withOptions(fact.payload.options);
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${viewName(fact)}${options} AS\n${fact.payload.definition};`;
}

/** A new query replaces the old one in place where the view keeps its columns, options included. */
export function redefineView({ from, to }: ViewChange): AlterResult {
  if (!replaceableInPlace(from, to)) return 'replace';
  return [action('view', { sql: defineSelfReading(to, true), alters: [to.id] })];
}

/**
 * The same text reading other objects (a table it read became a view of the same name) is a new
 * view: the old one must go before what it reads does, the new one come after its replacement.
 * A new text is redefined (redefineView), reading what it reads now.
 */
export function remakeForNewReads({ keys }: ViewChange): AlterResult {
  return keys.includes('definition') ? [] : 'replace';
}

/** Options change in place, unless the view is redefined, which restates them. */
export function alterViewOptions({ from, to, keys }: ViewChange): Action[] {
  if (keys.includes('definition')) return [];
  const clauses = optionChanges(from.payload.options, to.payload.options);
  return [action('view', { sql: `ALTER VIEW ${viewName(to)} ${clauses.join(', ')};`, alters: [to.id] })];
}

/** A view of NULLs with the view's columns: something to refer to before its query can be written. */
function placeholder(fact: ViewFact, orReplace: boolean): string {
  const columns = fact.info.columns.map((c) => `NULL::${c.type}${c.collation ? ` COLLATE ${c.collation}` : ''} AS ${quoteIdent(c.name)}`);
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${viewName(fact)} AS\nSELECT ${columns.join(',\n    ')};`;
}

/**
 * A view whose query reads the view itself (`CREATE OR REPLACE VIEW v AS TABLE v`) cannot be
 * defined while it lacks a column its query reads: as pg_dump does, a placeholder with its
 * columns comes first and the real query replaces it.
 */
function defineSelfReading(fact: ViewFact, orReplace: boolean): string {
  if (!fact.info.readsItself) return defineView(fact, orReplace);
  return `${placeholder(fact, orReplace)}\n\n${defineView(fact, true)}`;
}

/** Kinds a view's query may read that may in turn need the view (a function returning SETOF it). */
const MAY_NEED_THE_VIEW = new Set(['function', 'procedure', 'aggregate', 'view', 'matview']);

/** Whether the view is among what it reads, through other objects (a function that returns its rows). */
function readsItselfThrough(fact: ViewFact, catalog: Catalog): boolean {
  const seen = new Set<string>();
  const stack = fact.deps.filter((id) => MAY_NEED_THE_VIEW.has(catalog.get(id)?.kind ?? ''));
  while (stack.length) {
    const id = stack.pop()!;
    if (id === fact.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(catalog.get(id)?.deps ?? []).filter((d) => d === fact.id || MAY_NEED_THE_VIEW.has(catalog.get(d)?.kind ?? '')));
  }
  return false;
}

/**
 * A view that what it reads needs comes in two steps, as pg_dump makes it: a placeholder that
 * needs only its columns' types, then, once what it reads exists, its query.
 */
export function createView(fact: ViewFact, target: Catalog): Action[] {
  if (!readsItselfThrough(fact, target)) return [action('view', { sql: defineSelfReading(fact, false), creates: [fact.id] })];
  const typesOnly = fact.deps.filter((id) => !MAY_NEED_THE_VIEW.has(target.get(id)?.kind ?? ''));
  return [
    action('view', { sql: placeholder(fact, false), creates: [fact.id], needs: typesOnly, placeholder: true }),
    action('view', { sql: defineView(fact, true), alters: [fact.id], needs: [fact.id] }),
  ];
}

/** The other way round: the query let go of first, so what it read can go before the view does. */
export function dropView(fact: ViewFact, source: Catalog): Action[] {
  const drop = `DROP VIEW ${viewName(fact)};`;
  if (!readsItselfThrough(fact, source)) return [action('view', { sql: drop })];
  return [
    action('view', { sql: placeholder(fact, true), releases: fact.deps }),
    action('view', { sql: drop, placeholder: true }),
  ];
}
