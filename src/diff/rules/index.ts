import type { Rule } from '../rule.js';
import { columnRule } from './column.js';
import { commentRule } from './comment.js';
import { constraintRule } from './constraint.js';
import { defaultPrivilegesRule } from './default-privileges.js';
import { enumRule } from './enum.js';
import { extensionRule } from './extension.js';
import { indexRule } from './index-rule.js';
import { ownerRule } from './owner.js';
import { policyRule } from './policy.js';
import { privilegesRule } from './privileges.js';
import { rolesRule } from './roles.js';
import { rowSecurityRule } from './row-security.js';
import { schemaRule } from './schema.js';
import { sequenceRule } from './sequence.js';
import { tableRule } from './table.js';

/**
 * Every rule, in the order their statements appear when nothing else decides: a kind listed
 * earlier is created earlier and dropped later.
 */
const RULES: Rule[] = [schemaRule, defaultPrivilegesRule, extensionRule, enumRule, sequenceRule, tableRule, columnRule, constraintRule, indexRule, commentRule, privilegesRule, rolesRule, rowSecurityRule, policyRule, ownerRule];

export const RULES_BY_KIND = new Map(RULES.map((r) => [r.kind, r]));

export function ruleFor(kind: string): Rule {
  const rule = RULES_BY_KIND.get(kind);
  if (!rule) throw new Error(`no rule for object kind "${kind}"`);
  return rule;
}

const RANK = new Map(RULES.map((r, i) => [r.kind, i]));
export const kindRank = (kind: string): number => RANK.get(kind) ?? RULES.length;
