import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { rewriteRuleQuery, type RewriteRuleFact, type RewriteRulePayload } from './query.js';
import { createRule, redefineRule, ruleRef, switchFiring } from './rule.js';

/** Rewrite rules (CREATE RULE), kind id `rule`: both the query and when it fires change in place. */
export const rewriteRule = defineKind<RewriteRulePayload, RewriteRuleFact['name']>({
  id: 'rule',
  query: rewriteRuleQuery,
  objectRef: (fact) => `RULE ${ruleRef(fact)}`,
  create: createRule,
  drop: (fact) => [action('rule', { sql: `DROP RULE ${ruleRef(fact)};` })],
  attributes: {
    definition: redefineRule,
    enabled: switchFiring,
  },
});
