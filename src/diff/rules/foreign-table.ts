import type { Fact } from '../../catalog/fact.js';
import type { ForeignCheck, ForeignColumn } from '../../catalog/kinds/foreign-tables.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';
import { alterOptionsClause, optionsClause, type Options } from './foreign-options.js';

const nameOf = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);

function columnSql(c: ForeignColumn): string {
  return `${quoteIdent(c.name)} ${c.type}${optionsClause(c.options)}${c.notNull ? ' NOT NULL' : ''}${c.default === null ? '' : ` DEFAULT ${c.default}`}`;
}

function createForeignTable(fact: Fact) {
  const p = fact.payload;
  const columns = [
    ...(p.columns as unknown as ForeignColumn[]).map(columnSql),
    ...(p.checks as unknown as ForeignCheck[]).map((c) => `CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`),
  ].join(', ');
  const sql = `CREATE FOREIGN TABLE ${nameOf(fact)} (${columns}) SERVER ${quoteIdent(String(p.server))}${optionsClause(p.options as Options)};`;
  return [action('foreign_table', { sql, creates: [fact.id] })];
}

/**
 * A foreign table holds no rows here: a change to its columns, checks or server makes it again (its views
 * with it), and only its own options change in place.
 */
export const foreignTableRule: Rule = {
  kind: 'foreign_table',
  objectRef: (fact) => `FOREIGN TABLE ${nameOf(fact)}`,
  create: createForeignTable,
  drop: (fact) => [action('foreign_table', { sql: `DROP FOREIGN TABLE ${nameOf(fact)};` })],
  alter: ({ from, to, keys }) => {
    if (keys.some((k) => k !== 'options')) return 'replace';
    const options = alterOptionsClause(from.payload.options as Options, to.payload.options as Options);
    return [action('foreign_table', { sql: `ALTER FOREIGN TABLE ${nameOf(to)}${options};`, alters: [to.id] })];
  },
  rename: (fact, to) => `ALTER FOREIGN TABLE ${nameOf(fact)} RENAME TO ${quoteIdent(to)};`,
};
