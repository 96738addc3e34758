import type { KindQuery } from '../kind-query.js';
import { columns } from './columns.js';
import { comments } from './comments.js';
import { constraints } from './constraints.js';
import { defaultPrivileges } from './default-privileges.js';
import { enums } from './enums.js';
import { extensions } from './extensions.js';
import { indexes } from './indexes.js';
import { owners } from './owners.js';
import { policies } from './policies.js';
import { privileges } from './privileges.js';
import { roles } from './roles.js';
import { rowSecurity } from './row-security.js';
import { schemas } from './schemas.js';
import { sequences } from './sequences.js';
import { tables } from './tables.js';

/** Every kind the engine extracts. A new kind is one file beside this one and a line here. */
export const KIND_QUERIES: KindQuery[] = [schemas, extensions, enums, sequences, tables, columns, constraints, indexes, comments, privileges, roles, rowSecurity, policies, defaultPrivileges, owners];
