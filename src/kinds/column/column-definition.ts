import { quoteIdent } from '../../sql/quote.js';
import type { ColumnFact } from './query.js';
import type { SequenceOptions } from '../sequence/query.js';

/** `START WITH 1 INCREMENT BY 1 …` for a sequence, or an identity column's. */
export function identityOptionsSql(options: SequenceOptions | null, prefix = ''): string[] {
  if (!options) return [];
  return [
    `${prefix}START WITH ${options.start}`,
    `${prefix}INCREMENT BY ${options.increment}`,
    `${prefix}MINVALUE ${options.min}`,
    `${prefix}MAXVALUE ${options.max}`,
    `${prefix}CACHE ${options.cache}`,
    options.cycle ? `${prefix}CYCLE` : `${prefix}NO CYCLE`,
  ];
}

export function identityClause(column: ColumnFact): string {
  const p = column.payload;
  const options = identityOptionsSql(p.identityOptions);
  const kind = p.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
  return `GENERATED ${kind} AS IDENTITY${options.length ? ` (${options.join(' ')})` : ''}`;
}

/** The column as CREATE TABLE and ADD COLUMN write it. */
export function columnDefinition(column: ColumnFact): string {
  const p = column.payload;
  const parts = [quoteIdent(column.name[2]), p.type];
  if (p.collation) parts.push(`COLLATE ${p.collation}`);
  if (p.generated) parts.push(`GENERATED ALWAYS AS (${p.generated}) ${p.virtual ? 'VIRTUAL' : 'STORED'}`);
  if (p.default !== null && p.default !== undefined) parts.push(`DEFAULT ${p.default}`);
  if (p.notNull) parts.push('NOT NULL');
  if (p.identity) parts.push(identityClause(column));
  return parts.join(' ');
}
