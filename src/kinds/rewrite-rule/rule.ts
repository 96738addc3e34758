import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RewriteRuleFact, RewriteRulePayload, RuleFiring } from './query.js';

type RuleChange = Change<RewriteRulePayload, RewriteRuleFact['name']>;

const relationOf = (fact: RewriteRuleFact) => qualify(fact.name[0], fact.name[1]);
export const ruleRef = (fact: RewriteRuleFact) => `${quoteIdent(fact.name[2])} ON ${relationOf(fact)}`;

const ENABLE: Record<RuleFiring, string> = {
  origin: 'ENABLE RULE',
  disabled: 'DISABLE RULE',
  replica: 'ENABLE REPLICA RULE',
  always: 'ENABLE ALWAYS RULE',
};

function setEnabled(fact: RewriteRuleFact, extra: Partial<Action>): Action {
  return action('rule', {
    sql: `ALTER TABLE ${relationOf(fact)} ${ENABLE[fact.payload.enabled]} ${quoteIdent(fact.name[2])};`,
    ...extra,
  });
}

/** pg_get_ruledef writes the whole CREATE RULE statement; replacing it keeps the rule's name. */
const definition = (fact: RewriteRuleFact, orReplace: boolean) =>
  orReplace ? fact.payload.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : fact.payload.definition;

export const createRule = (fact: RewriteRuleFact): Action[] => [
  action('rule', { sql: definition(fact, false), creates: [fact.id] }),
  ...(fact.payload.enabled === 'origin' ? [] : [setEnabled(fact, {})]),
];

export const redefineRule = ({ to }: RuleChange): Action[] => [action('rule', { sql: definition(to, true), alters: [to.id] })];

export const switchFiring = ({ to }: RuleChange): Action[] => [setEnabled(to, { alters: [to.id] })];
