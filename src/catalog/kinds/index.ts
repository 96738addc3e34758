import type { KindQuery } from '../kind-query.js';
import { collations } from './collations.js';
import { columns } from './columns.js';
import { comments } from './comments.js';
import { composites } from './composites.js';
import { constraints } from './constraints.js';
import { domainConstraints } from './domain-constraints.js';
import { domains } from './domains.js';
import { enums } from './enums.js';
import { extensions } from './extensions.js';
import { indexes } from './indexes.js';
import { ranges } from './ranges.js';
import { schemas } from './schemas.js';
import { sequences } from './sequences.js';
import { tables } from './tables.js';

/** Every kind the engine extracts. A new kind is one file beside this one and a line here. */
export const KIND_QUERIES: KindQuery[] = [schemas, extensions, collations, enums, domains, domainConstraints, composites, ranges, sequences, tables, columns, constraints, indexes, comments];
