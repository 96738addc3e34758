import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { evaluationNeeds } from './evaluated-query.js';
import type { ViewFact, ViewInfo, ViewPayload } from './query.js';
import { optionChanges, withOptions } from './relation-options.js';
import { viewName } from './rule.js';

export function createMatview(fact: ViewFact, ctx: RuleContext): Action[] {
  const options = withOptions(fact.payload.options);
  const noData = fact.info.populated === false ? '\nWITH NO DATA' : '';
  return [
    action('matview', {
      sql: `CREATE MATERIALIZED VIEW ${viewName(fact)}${options} AS\n${fact.payload.definition}${noData};`,
      creates: [fact.id],
      // Unless created WITH NO DATA, it runs its query, and whatever that query calls.
      needs: fact.info.populated === false ? [] : evaluationNeeds(fact, ctx),
    }),
  ];
}

/** Storage options change in place. */
export function alterMatviewOptions({ from, to }: Change<ViewPayload, ViewFact['name'], ViewInfo>): Action[] {
  const clauses = optionChanges(from.payload.options, to.payload.options);
  return [action('matview', { sql: `ALTER MATERIALIZED VIEW ${viewName(to)} ${clauses.join(', ')};`, alters: [to.id] })];
}
