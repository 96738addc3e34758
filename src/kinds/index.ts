import type { KindQuery } from '../catalog/kind-query.js';
import type { Rule } from '../diff/rule.js';
import { aggregate } from './aggregate/kind.js';
import { cast } from './cast/kind.js';
import { collation } from './collation/kind.js';
import { column } from './column/kind.js';
import { columnStorage } from './column-storage/kind.js';
import { comment } from './comment/kind.js';
import { composite } from './composite/kind.js';
import { constraint } from './constraint/kind.js';
import { defaultPrivileges } from './default-privileges/kind.js';
import { domain } from './domain/kind.js';
import { domainConstraint } from './domain-constraint/kind.js';
import { enumType } from './enum/kind.js';
import { eventTrigger } from './event-trigger/kind.js';
import { extension } from './extension/kind.js';
import { foreignDataWrapper } from './foreign-data-wrapper/kind.js';
import { foreignServer } from './foreign-server/kind.js';
import { foreignTable } from './foreign-table/kind.js';
import { functionKind, procedure } from './function/kind.js';
import { index } from './index/kind.js';
import { owner } from './owner/kind.js';
import { policy } from './policy/kind.js';
import { privileges } from './privileges/kind.js';
import { publication } from './publication/kind.js';
import { range } from './range/kind.js';
import { replicaIdentity } from './replica-identity/kind.js';
import { rewriteRule } from './rewrite-rule/kind.js';
import { roles } from './roles/kind.js';
import { rowSecurity } from './row-security/kind.js';
import { schema } from './schema/kind.js';
import { sequence } from './sequence/kind.js';
import { statistics } from './statistics/kind.js';
import { storageParameters } from './storage-parameters/kind.js';
import { table } from './table/kind.js';
import { trigger } from './trigger/kind.js';
import { userMapping } from './user-mapping/kind.js';
import { matview, view } from './view/kind.js';
import type { Kind } from './kind.js';

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
  collation, enumType, domain,
  domainConstraint, composite, range,
  sequence, functionKind, procedure, aggregate,
  cast, foreignDataWrapper, foreignServer,
  userMapping, table, column,
  foreignTable, view, matview,
  constraint, index, trigger, rewriteRule,
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
