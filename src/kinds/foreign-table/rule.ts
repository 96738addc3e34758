import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import { alterOptionsClause, optionsClause } from '../common/foreign-options.js';
import type { ForeignColumn, ForeignTableFact, ForeignTablePayload } from './query.js';

export const nameOf = (fact: ForeignTableFact) => qualify(fact.name[0], fact.name[1]);

function columnSql(c: ForeignColumn): string {
  return `${quoteIdent(c.name)} ${c.type}${optionsClause(c.options)}${c.notNull ? ' NOT NULL' : ''}${c.default === null ? '' : ` DEFAULT ${c.default}`}`;
}

export function createForeignTable(fact: ForeignTableFact): Action[] {
  const p = fact.payload;
  const columns = [
    ...p.columns.map(columnSql),
    ...p.checks.map((c) => `CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`),
  ].join(', ');
  const sql = `CREATE FOREIGN TABLE ${nameOf(fact)} (${columns}) SERVER ${quoteIdent(p.server)}${optionsClause(p.options)};`;
  return [action('foreign_table', { sql, creates: [fact.id] })];
}

export function alterForeignTableOptions({ from, to }: Change<ForeignTablePayload, ForeignTableFact['name']>): Action[] {
  const options = alterOptionsClause(from.payload.options, to.payload.options);
  return [action('foreign_table', { sql: `ALTER FOREIGN TABLE ${nameOf(to)}${options};`, alters: [to.id] })];
}
