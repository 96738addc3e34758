import { casts } from '../catalog/kinds/casts.js';
import { collations } from '../catalog/kinds/collations.js';
import { columnStorage } from '../catalog/kinds/column-storage.js';
import { columns } from '../catalog/kinds/columns.js';
import { comments } from '../catalog/kinds/comments.js';
import { constraints } from '../catalog/kinds/constraints.js';
import { defaultPrivileges } from '../catalog/kinds/default-privileges.js';
import { eventTriggers } from '../catalog/kinds/event-triggers.js';
import { extensions } from '../catalog/kinds/extensions.js';
import { functions } from '../catalog/kinds/functions.js';
import { indexes } from '../catalog/kinds/indexes.js';
import { owners } from '../catalog/kinds/owners.js';
import { privileges } from '../catalog/kinds/privileges.js';
import { publications } from '../catalog/kinds/publications.js';
import { replicaIdentities } from '../catalog/kinds/replica-identity.js';
import { roles } from '../catalog/kinds/roles.js';
import { rowSecurity } from '../catalog/kinds/row-security.js';
import { schemas } from '../catalog/kinds/schemas.js';
import { statistics } from '../catalog/kinds/statistics.js';
import { storageParameters } from '../catalog/kinds/storage-parameters.js';
import { tables } from '../catalog/kinds/tables.js';
import type { KindQuery } from '../catalog/kind-query.js';
import type { Rule } from '../diff/rule.js';
import { castRule } from '../diff/rules/cast.js';
import { collationRule } from '../diff/rules/collation.js';
import { columnStorageRule } from '../diff/rules/column-storage.js';
import { columnRule } from '../diff/rules/column.js';
import { commentRule } from '../diff/rules/comment.js';
import { constraintRule } from '../diff/rules/constraint.js';
import { defaultPrivilegesRule } from '../diff/rules/default-privileges.js';
import { eventTriggerRule } from '../diff/rules/event-trigger.js';
import { extensionRule } from '../diff/rules/extension.js';
import { functionRule, procedureRule } from '../diff/rules/function.js';
import { indexRule } from '../diff/rules/index-rule.js';
import { ownerRule } from '../diff/rules/owner.js';
import { privilegesRule } from '../diff/rules/privileges.js';
import { publicationRule } from '../diff/rules/publication.js';
import { replicaIdentityRule } from '../diff/rules/replica-identity.js';
import { rolesRule } from '../diff/rules/roles.js';
import { rowSecurityRule } from '../diff/rules/row-security.js';
import { schemaRule } from '../diff/rules/schema.js';
import { statisticsRule } from '../diff/rules/statistics.js';
import { storageParametersRule } from '../diff/rules/storage-parameters.js';
import { tableRule } from '../diff/rules/table.js';
import { aggregate } from './aggregate/kind.js';
import { composite } from './composite/kind.js';
import { domainConstraint } from './domain-constraint/kind.js';
import { domain } from './domain/kind.js';
import { enumType } from './enum/kind.js';
import { foreignDataWrapper } from './foreign-data-wrapper/kind.js';
import { foreignServer } from './foreign-server/kind.js';
import { foreignTable } from './foreign-table/kind.js';
import type { Kind } from './kind.js';
import { policy } from './policy/kind.js';
import { range } from './range/kind.js';
import { rewriteRule } from './rewrite-rule/kind.js';
import { sequence } from './sequence/kind.js';
import { trigger } from './trigger/kind.js';
import { userMapping } from './user-mapping/kind.js';
import { matview, view } from './view/kind.js';

/** A kind whose query and rule still live in catalog/kinds/ and diff/rules/. */
const paired = (rule: Rule, query?: KindQuery): Kind => (query ? { id: rule.kind, query, rule } : { id: rule.kind, rule });

/**
 * Every kind the engine reads and writes, in statement order: when nothing else decides (the
 * dependencies between facts decide first), a kind listed earlier is created earlier and dropped
 * later. Views come before constraints and indexes: a check or index whose expression calls a
 * function that reads a view must wait for the view. Event triggers come last: created earlier,
 * they would fire on (or refuse) the rest of the migration. The catalog lists facts in this order
 * too. A new kind is one folder beside this file and a line here.
 */
export const KINDS: readonly Kind[] = [
  paired(schemaRule, schemas), paired(defaultPrivilegesRule, defaultPrivileges), paired(extensionRule, extensions),
  paired(collationRule, collations), enumType, domain,
  domainConstraint, composite, range,
  sequence, paired(functionRule, functions), paired(procedureRule), aggregate,
  paired(castRule, casts), foreignDataWrapper, foreignServer,
  userMapping, paired(tableRule, tables), paired(columnRule, columns),
  foreignTable, view, matview,
  paired(constraintRule, constraints), paired(indexRule, indexes), trigger, rewriteRule,
  paired(publicationRule, publications), paired(statisticsRule, statistics), paired(replicaIdentityRule, replicaIdentities),
  paired(storageParametersRule, storageParameters), paired(columnStorageRule, columnStorage), paired(commentRule, comments),
  paired(privilegesRule, privileges), paired(rolesRule, roles), paired(rowSecurityRule, rowSecurity), policy,
  paired(ownerRule, owners), paired(eventTriggerRule, eventTriggers),
];

/** The catalog queries, in the catalog's order. */
export const KIND_QUERIES: readonly KindQuery[] = KINDS.flatMap((k) => (k.query ? [k.query] : []));

export const RULES_BY_KIND = new Map(KINDS.map((k) => [k.id, k.rule]));

export function ruleFor(kind: string): Rule {
  const rule = RULES_BY_KIND.get(kind);
  if (!rule) throw new Error(`no rule for object kind "${kind}"`);
  return rule;
}

const RANK = new Map(KINDS.map((k, i) => [k.id, i]));
export const kindRank = (kind: string): number => RANK.get(kind) ?? KINDS.length;
