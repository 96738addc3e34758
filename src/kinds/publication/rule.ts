import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { PublicationFact, PublicationPayload, PublishedTable } from './query.js';

const ALL_OPERATIONS = 'insert, update, delete, truncate';

export const publicationName = (fact: PublicationFact): string => quoteIdent(fact.name[0]);

/** A published table; DROP names it without its column list and row filter. */
function tableSql(t: PublishedTable, withFilters: boolean): string {
  const columns = withFilters && t.columns ? ` (${t.columns.map(quoteIdent).join(', ')})` : '';
  const where = withFilters && t.where ? ` WHERE (${t.where})` : '';
  return `${qualify(t.schema, t.name)}${columns}${where}`;
}

/** `TABLE a, b (x) WHERE (…), TABLES IN SCHEMA s`; the bare list after TABLE reads on every version. */
function objectsSql(fact: PublicationFact, withFilters = true): string | undefined {
  const { tables, schemas } = fact.payload;
  const parts = [
    ...(tables.length ? [`TABLE ${tables.map((t) => tableSql(t, withFilters)).join(', ')}`] : []),
    ...(schemas.length ? [`TABLES IN SCHEMA ${schemas.map(quoteIdent).join(', ')}`] : []),
  ];
  return parts.length ? parts.join(', ') : undefined;
}

function optionsSql(fact: PublicationFact): string {
  return `publish = ${quoteLiteral(fact.payload.publish.join(', '))}, publish_via_partition_root = ${fact.payload.viaRoot}`;
}

export function createPublication(fact: PublicationFact): Action[] {
  const objects = fact.payload.allTables ? ' FOR ALL TABLES' : objectsSql(fact) ? ` FOR ${objectsSql(fact)}` : '';
  const defaults = fact.payload.publish.join(', ') === ALL_OPERATIONS && !fact.payload.viaRoot;
  const options = defaults ? '' : ` WITH (${optionsSql(fact)})`;
  return [action('publication', { sql: `CREATE PUBLICATION ${publicationName(fact)}${objects}${options};`, creates: [fact.id] })];
}

/**
 * Tables and schemas change in place: SET replaces the whole list in one statement, and a list
 * that becomes empty is emptied by dropping what it held.
 */
function alterObjects(from: PublicationFact, to: PublicationFact): string {
  const objects = objectsSql(to);
  return objects
    ? `ALTER PUBLICATION ${publicationName(to)} SET ${objects};`
    : `ALTER PUBLICATION ${publicationName(to)} DROP ${objectsSql(from, false)};`;
}

/** What is published, then how: the list of objects first, the options after. */
export function alterPublication({ from, to, keys }: Change<PublicationPayload, PublicationFact['name']>): Action[] {
  const statements = [
    ...(keys.includes('tables') || keys.includes('schemas') ? [alterObjects(from, to)] : []),
    ...(keys.includes('publish') || keys.includes('viaRoot') ? [`ALTER PUBLICATION ${publicationName(to)} SET (${optionsSql(to)});`] : []),
  ];
  return statements.map((sql) => action('publication', { sql, alters: [to.id] }));
}
