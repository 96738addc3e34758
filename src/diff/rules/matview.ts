import type { Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';
import { evaluationNeeds } from './evaluated-query.js';
import { optionChanges, withOptions, type Options } from './relation-options.js';

const matviewName = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);

/**
 * A materialized view holds the rows its query produced, so a new query, or the same one reading
 * other objects, means a new relation: the planner drops it and creates it again, with its indexes
 * and comments. Storage options
 * change in place.
 */
export const matviewRule: Rule = {
  kind: 'matview',
  objectRef: (fact) => `MATERIALIZED VIEW ${matviewName(fact)}`,
  rename: (fact, to) => `ALTER MATERIALIZED VIEW ${matviewName(fact)} RENAME TO ${quoteIdent(to)};`,
  create: (fact, ctx) => {
    const options = withOptions(fact.payload.options as Options);
    const noData = fact.info.populated === false ? '\nWITH NO DATA' : '';
    return [
      action('matview', {
        sql: `CREATE MATERIALIZED VIEW ${matviewName(fact)}${options} AS\n${String(fact.payload.definition)}${noData};`,
        creates: [fact.id],
        // Unless created WITH NO DATA, it runs its query, and whatever that query calls.
        needs: fact.info.populated === false ? [] : evaluationNeeds(fact, ctx),
      }),
    ];
  },
  drop: (fact) => [action('matview', { sql: `DROP MATERIALIZED VIEW ${matviewName(fact)};` })],
  alter: ({ from, to, keys }) => {
    if (keys.includes('definition') || keys.includes('reads')) return 'replace';
    const clauses = optionChanges(from.payload.options as Options, to.payload.options as Options);
    return [action('matview', { sql: `ALTER MATERIALIZED VIEW ${matviewName(to)} ${clauses.join(', ')};`, alters: [to.id] })];
  },
};
