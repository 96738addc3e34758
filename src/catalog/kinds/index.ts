import type { KindQuery } from '../kind-query.js';
import { aggregates } from './aggregates.js';
import { casts } from './casts.js';
import { collations } from './collations.js';
import { columnStorage } from './column-storage.js';
import { columns } from './columns.js';
import { comments } from './comments.js';
import { composites } from './composites.js';
import { constraints } from './constraints.js';
import { defaultPrivileges } from './default-privileges.js';
import { domainConstraints } from './domain-constraints.js';
import { domains } from './domains.js';
import { enums } from './enums.js';
import { eventTriggers } from './event-triggers.js';
import { extensions } from './extensions.js';
import { foreignDataWrappers } from './foreign-data-wrappers.js';
import { foreignServers } from './foreign-servers.js';
import { foreignTables } from './foreign-tables.js';
import { functions } from './functions.js';
import { indexes } from './indexes.js';
import { owners } from './owners.js';
import { policies } from './policies.js';
import { privileges } from './privileges.js';
import { roles } from './roles.js';
import { rowSecurity } from './row-security.js';
import { publications } from './publications.js';
import { replicaIdentities } from './replica-identity.js';
import { rules } from './rules.js';
import { ranges } from './ranges.js';
import { schemas } from './schemas.js';
import { sequences } from './sequences.js';
import { statistics } from './statistics.js';
import { storageParameters } from './storage-parameters.js';
import { tables } from './tables.js';
import { triggers } from './triggers.js';
import { userMappings } from './user-mappings.js';
import { matviews, views } from './views.js';

/** Every kind the engine extracts. A new kind is one file beside this one and a line here. */
export const KIND_QUERIES: KindQuery[] = [
  schemas, extensions, collations, enums, domains, domainConstraints, composites, ranges, sequences, functions, aggregates, casts,
  tables, columns, constraints, views, matviews, indexes, triggers, eventTriggers, comments, rules, publications,
  statistics, replicaIdentities, storageParameters, columnStorage, privileges, roles, rowSecurity, policies,
  defaultPrivileges, owners, foreignDataWrappers, foreignServers, userMappings, foreignTables,
];
