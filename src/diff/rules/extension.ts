import { action } from '../action.js';
import type { Rule } from '../rule.js';
import { quoteIdent } from '../../sql/quote.js';

export const extensionRule: Rule = {
  kind: 'extension',
  objectRef: (fact) => `EXTENSION ${quoteIdent(fact.name[0]!)}`,
  create: (fact) => [
    action('extension', {
      sql: `CREATE EXTENSION ${quoteIdent(fact.name[0]!)} WITH SCHEMA ${quoteIdent(String(fact.payload.schema))};`,
      creates: [fact.id],
    }),
  ],
  drop: (fact) => [
    action('extension', {
      sql: `DROP EXTENSION ${quoteIdent(fact.name[0]!)};`,
      hazards: [{ kind: 'data-loss', message: `drops extension ${fact.name[0]} and every object it provides` }],
    }),
  ],
  alter: ({ from, to }) => {
    if (!from.info.relocatable) return 'replace';
    return [
      action('extension', {
        sql: `ALTER EXTENSION ${quoteIdent(to.name[0]!)} SET SCHEMA ${quoteIdent(String(to.payload.schema))};`,
        alters: [to.id],
      }),
    ];
  },
};
