import type { Catalog, Fact, Json } from '../../catalog/fact.js';
import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { AlterResult, Rule } from '../rule.js';
import { optionChanges, withOptions, type Options } from './relation-options.js';

const viewName = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);
const columnsOf = (fact: Fact) => fact.info.columns as Json[];

/**
 * CREATE OR REPLACE VIEW keeps every existing column with its name, type and collation, and may
 * only add columns after them; anything else needs the view dropped and created again.
 */
function replaceableInPlace(from: Fact, to: Fact): boolean {
  const before = columnsOf(from);
  const after = columnsOf(to);
  return before.length <= after.length && before.every((c, i) => canonicalJson(c) === canonicalJson(after[i]!));
}

/** CREATE [OR REPLACE] VIEW with every option: on replace, the options given are the options kept. */
function defineView(fact: Fact, orReplace: boolean): string {
  const options = withOptions(fact.payload.options as Options);
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${viewName(fact)}${options} AS\n${String(fact.payload.definition)};`;
}

/**
 * The same text reading other objects (a table it read became a view of the same name) is a new
 * view: the old one must go before what it reads does, the new one come after its replacement.
 */
function alterView(from: Fact, to: Fact, keys: string[]): AlterResult {
  if (keys.includes('definition')) {
    if (!replaceableInPlace(from, to)) return 'replace';
    return [action('view', { sql: defineSelfReading(to, true), alters: [to.id] })];
  }
  if (keys.includes('reads')) return 'replace';
  const clauses = optionChanges(from.payload.options as Options, to.payload.options as Options);
  return [action('view', { sql: `ALTER VIEW ${viewName(to)} ${clauses.join(', ')};`, alters: [to.id] })];
}

/** A view of NULLs with the view's columns: something to refer to before its query can be written. */
function placeholder(fact: Fact, orReplace: boolean): string {
  const columns = (columnsOf(fact) as { name: string; type: string; collation: string | null }[])
    .map((c) => `NULL::${c.type}${c.collation ? ` COLLATE ${c.collation}` : ''} AS ${quoteIdent(c.name)}`);
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${viewName(fact)} AS\nSELECT ${columns.join(',\n    ')};`;
}

/**
 * A view whose query reads the view itself (`CREATE OR REPLACE VIEW v AS TABLE v`) cannot be
 * defined while it lacks a column its query reads: as pg_dump does, a placeholder with its
 * columns comes first and the real query replaces it.
 */
function defineSelfReading(fact: Fact, orReplace: boolean): string {
  if (!fact.info.readsItself) return defineView(fact, orReplace);
  return `${placeholder(fact, orReplace)}\n\n${defineView(fact, true)}`;
}

/** Kinds a view's query may read that may in turn need the view (a function returning SETOF it). */
const MAY_NEED_THE_VIEW = new Set(['function', 'procedure', 'aggregate', 'view', 'matview']);

/** Whether the view is among what it reads, through other objects (a function that returns its rows). */
function readsItselfThrough(fact: Fact, catalog: Catalog): boolean {
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
function createView(fact: Fact, target: Catalog): Action[] {
  if (!readsItselfThrough(fact, target)) return [action('view', { sql: defineSelfReading(fact, false), creates: [fact.id] })];
  const typesOnly = fact.deps.filter((id) => !MAY_NEED_THE_VIEW.has(target.get(id)?.kind ?? ''));
  return [
    action('view', { sql: placeholder(fact, false), creates: [fact.id], needs: typesOnly, placeholder: true }),
    action('view', { sql: defineView(fact, true), alters: [fact.id], needs: [fact.id] }),
  ];
}

/** The other way round: the query let go of first, so what it read can go before the view does. */
function dropView(fact: Fact, source: Catalog): Action[] {
  const drop = `DROP VIEW ${viewName(fact)};`;
  if (!readsItselfThrough(fact, source)) return [action('view', { sql: drop })];
  return [
    action('view', { sql: placeholder(fact, true), releases: fact.deps }),
    action('view', { sql: drop, placeholder: true }),
  ];
}

export const viewRule: Rule = {
  kind: 'view',
  objectRef: (fact) => `VIEW ${viewName(fact)}`,
  rename: (fact, to) => `ALTER VIEW ${viewName(fact)} RENAME TO ${quoteIdent(to)};`,
  create: (fact, ctx) => createView(fact, ctx.target),
  drop: (fact, ctx) => dropView(fact, ctx.source),
  alter: ({ from, to, keys }) => alterView(from, to, keys),
};
