import { aggregates } from '../catalog/kinds/aggregates.js';
import { columns } from '../catalog/kinds/columns.js';
import { composites } from '../catalog/kinds/composites.js';
import { constraints } from '../catalog/kinds/constraints.js';
import { domainConstraints } from '../catalog/kinds/domain-constraints.js';
import { domains } from '../catalog/kinds/domains.js';
import { enums } from '../catalog/kinds/enums.js';
import { foreignDataWrappers } from '../catalog/kinds/foreign-data-wrappers.js';
import { foreignServers } from '../catalog/kinds/foreign-servers.js';
import { foreignTables } from '../catalog/kinds/foreign-tables.js';
import { indexes } from '../catalog/kinds/indexes.js';
import { ranges } from '../catalog/kinds/ranges.js';
import { rules } from '../catalog/kinds/rules.js';
import { sequences } from '../catalog/kinds/sequences.js';
import { tables } from '../catalog/kinds/tables.js';
import { triggers } from '../catalog/kinds/triggers.js';
import { userMappings } from '../catalog/kinds/user-mappings.js';
import { matviews, views } from '../catalog/kinds/views.js';
import type { KindQuery } from '../catalog/kind-query.js';
import type { Rule } from '../diff/rule.js';
import { aggregateRule } from '../diff/rules/aggregate.js';
import { columnRule } from '../diff/rules/column.js';
import { compositeRule } from '../diff/rules/composite.js';
import { constraintRule } from '../diff/rules/constraint.js';
import { domainConstraintRule } from '../diff/rules/domain-constraint.js';
import { domainRule } from '../diff/rules/domain.js';
import { enumRule } from '../diff/rules/enum.js';
import { foreignDataWrapperRule } from '../diff/rules/foreign-data-wrapper.js';
import { foreignServerRule } from '../diff/rules/foreign-server.js';
import { foreignTableRule } from '../diff/rules/foreign-table.js';
import { indexRule } from '../diff/rules/index-rule.js';
import { matviewRule } from '../diff/rules/matview.js';
import { rangeRule } from '../diff/rules/range.js';
import { ruleRule } from '../diff/rules/rule.js';
import { sequenceRule } from '../diff/rules/sequence.js';
import { tableRule } from '../diff/rules/table.js';
import { triggerRule } from '../diff/rules/trigger.js';
import { userMappingRule } from '../diff/rules/user-mapping.js';
import { viewRule } from '../diff/rules/view.js';
import { cast } from './cast/kind.js';
import { collation } from './collation/kind.js';
import { columnStorage } from './column-storage/kind.js';
import { comment } from './comment/kind.js';
import { defaultPrivileges } from './default-privileges/kind.js';
import { eventTrigger } from './event-trigger/kind.js';
import { extension } from './extension/kind.js';
import { functionKind, procedure } from './function/kind.js';
import type { Kind } from './kind.js';
import { owner } from './owner/kind.js';
import { policy } from './policy/kind.js';
import { privileges } from './privileges/kind.js';
import { publication } from './publication/kind.js';
import { replicaIdentity } from './replica-identity/kind.js';
import { roles } from './roles/kind.js';
import { rowSecurity } from './row-security/kind.js';
import { schema } from './schema/kind.js';
import { statistics } from './statistics/kind.js';
import { storageParameters } from './storage-parameters/kind.js';

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
  schema, defaultPrivileges, extension,
  collation, paired(enumRule, enums), paired(domainRule, domains),
  paired(domainConstraintRule, domainConstraints), paired(compositeRule, composites), paired(rangeRule, ranges),
  paired(sequenceRule, sequences), functionKind, procedure, paired(aggregateRule, aggregates),
  cast, paired(foreignDataWrapperRule, foreignDataWrappers), paired(foreignServerRule, foreignServers),
  paired(userMappingRule, userMappings), paired(tableRule, tables), paired(columnRule, columns),
  paired(foreignTableRule, foreignTables), paired(viewRule, views), paired(matviewRule, matviews),
  paired(constraintRule, constraints), paired(indexRule, indexes), paired(triggerRule, triggers), paired(ruleRule, rules),
  publication, statistics, replicaIdentity,
  storageParameters, columnStorage, comment,
  privileges, roles, rowSecurity, policy,
  owner, eventTrigger,
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
