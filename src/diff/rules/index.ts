import type { Rule } from '../rule.js';
import { collationRule } from './collation.js';
import { columnRule } from './column.js';
import { commentRule } from './comment.js';
import { compositeRule } from './composite.js';
import { constraintRule } from './constraint.js';
import { domainConstraintRule } from './domain-constraint.js';
import { domainRule } from './domain.js';
import { enumRule } from './enum.js';
import { extensionRule } from './extension.js';
import { indexRule } from './index-rule.js';
import { rangeRule } from './range.js';
import { schemaRule } from './schema.js';
import { sequenceRule } from './sequence.js';
import { tableRule } from './table.js';

/**
 * Every rule, in the order their statements appear when nothing else decides: a kind listed
 * earlier is created earlier and dropped later.
 */
const RULES: Rule[] = [schemaRule, extensionRule, collationRule, enumRule, domainRule, domainConstraintRule, compositeRule, rangeRule, sequenceRule, tableRule, columnRule, constraintRule, indexRule, commentRule];

export const RULES_BY_KIND = new Map(RULES.map((r) => [r.kind, r]));

const RANK = new Map(RULES.map((r, i) => [r.kind, i]));
export const kindRank = (kind: string): number => RANK.get(kind) ?? RULES.length;
