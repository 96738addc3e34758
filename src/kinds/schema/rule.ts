import { action, type Action } from '../../diff/action.js';
import { quoteIdent } from '../../sql/quote.js';
import type { SchemaFact } from './query.js';

export const schemaName = (fact: SchemaFact): string => quoteIdent(fact.name[0]);

export const createSchema = (fact: SchemaFact): Action[] => [
  action('schema', { sql: `CREATE SCHEMA ${schemaName(fact)};`, creates: [fact.id] }),
];

export const dropSchema = (fact: SchemaFact): Action[] => [
  action('schema', {
    sql: `DROP SCHEMA ${schemaName(fact)};`,
    hazards: [{ kind: 'data-loss', message: `drops schema ${schemaName(fact)}` }],
  }),
];
