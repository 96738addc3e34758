import { quoteIdent } from '../../sql/quote.js';
import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { alterMatviewOptions, createMatview } from './matview-rule.js';
import { matviewQuery, viewQuery, type ViewFact, type ViewInfo, type ViewPayload } from './query.js';
import { alterViewOptions, createView, dropView, remakeForNewReads, redefineView, viewName } from './rule.js';

/**
 * Views and materialized views are one folder: one query reads both into one payload, and they
 * share how their options are written. They differ in how a new query is made: CREATE OR REPLACE
 * VIEW, where a materialized view, holding the rows its query produced, is a new relation.
 */
export const view = defineKind<ViewPayload, ViewFact['name'], ViewInfo>({
  id: 'view',
  query: viewQuery,
  objectRef: (fact) => `VIEW ${viewName(fact)}`,
  rename: (fact, to) => `ALTER VIEW ${viewName(fact)} RENAME TO ${quoteIdent(to)};`,
  create: (fact, ctx) => createView(fact, ctx.target),
  drop: (fact, ctx) => dropView(fact, ctx.source),
  attributes: {
    definition: redefineView,
    reads: remakeForNewReads,
    options: alterViewOptions,
  },
});

/**
 * A materialized view holds the rows its query produced, so a new query, or the same one reading
 * other objects, means a new relation: the planner drops it and creates it again, with its indexes
 * and comments.
 */
export const matview = defineKind<ViewPayload, ViewFact['name'], ViewInfo>({
  id: 'matview',
  query: matviewQuery,
  objectRef: (fact) => `MATERIALIZED VIEW ${viewName(fact)}`,
  rename: (fact, to) => `ALTER MATERIALIZED VIEW ${viewName(fact)} RENAME TO ${quoteIdent(to)};`,
  create: createMatview,
  drop: (fact) => [action('matview', { sql: `DROP MATERIALIZED VIEW ${viewName(fact)};` })],
  attributes: {
    definition: 'replace',
    reads: 'replace',
    options: alterMatviewOptions,
  },
});
