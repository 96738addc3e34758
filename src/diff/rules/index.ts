import type { Rule } from '../rule.js';
import { aggregateRule } from './aggregate.js';
import { castRule } from './cast.js';
import { collationRule } from './collation.js';
import { columnStorageRule } from './column-storage.js';
import { columnRule } from './column.js';
import { commentRule } from './comment.js';
import { compositeRule } from './composite.js';
import { constraintRule } from './constraint.js';
import { defaultPrivilegesRule } from './default-privileges.js';
import { domainConstraintRule } from './domain-constraint.js';
import { domainRule } from './domain.js';
import { enumRule } from './enum.js';
import { eventTriggerRule } from './event-trigger.js';
import { extensionRule } from './extension.js';
import { foreignDataWrapperRule } from './foreign-data-wrapper.js';
import { foreignServerRule } from './foreign-server.js';
import { foreignTableRule } from './foreign-table.js';
import { functionRule, procedureRule } from './function.js';
import { indexRule } from './index-rule.js';
import { ownerRule } from './owner.js';
import { policyRule } from './policy.js';
import { privilegesRule } from './privileges.js';
import { rolesRule } from './roles.js';
import { rowSecurityRule } from './row-security.js';
import { matviewRule } from './matview.js';
import { publicationRule } from './publication.js';
import { replicaIdentityRule } from './replica-identity.js';
import { ruleRule } from './rule.js';
import { rangeRule } from './range.js';
import { schemaRule } from './schema.js';
import { sequenceRule } from './sequence.js';
import { statisticsRule } from './statistics.js';
import { storageParametersRule } from './storage-parameters.js';
import { tableRule } from './table.js';
import { triggerRule } from './trigger.js';
import { userMappingRule } from './user-mapping.js';
import { viewRule } from './view.js';

/**
 * Every rule, in the order their statements appear when nothing else decides: a kind listed
 * earlier is created earlier and dropped later. Views come before constraints and indexes: a check
 * or index whose expression calls a function that reads a view must wait for the view. Event
 * triggers come last: created earlier, they would fire on (or refuse) the rest of the migration.
 */
const RULES: Rule[] = [
  schemaRule, defaultPrivilegesRule, extensionRule, collationRule, enumRule, domainRule, domainConstraintRule,
  compositeRule, rangeRule, sequenceRule, functionRule, procedureRule, aggregateRule, castRule, foreignDataWrapperRule, foreignServerRule,
  userMappingRule, tableRule, columnRule, foreignTableRule, viewRule,
  matviewRule, constraintRule, indexRule, triggerRule, ruleRule, publicationRule, statisticsRule,
  replicaIdentityRule, storageParametersRule, columnStorageRule, commentRule, privilegesRule, rolesRule, rowSecurityRule,
  policyRule, ownerRule, eventTriggerRule,
];

export const RULES_BY_KIND = new Map(RULES.map((r) => [r.kind, r]));

export function ruleFor(kind: string): Rule {
  const rule = RULES_BY_KIND.get(kind);
  if (!rule) throw new Error(`no rule for object kind "${kind}"`);
  return rule;
}

const RANK = new Map(RULES.map((r, i) => [r.kind, i]));
export const kindRank = (kind: string): number => RANK.get(kind) ?? RULES.length;
