import type { KindQuery } from '../kind-query.js';
import { columns } from './columns.js';
import { constraints } from './constraints.js';
import { extensions } from './extensions.js';
import { indexes } from './indexes.js';
import { schemas } from './schemas.js';
import { tables } from './tables.js';

/** Every kind the engine extracts. A new kind is one file beside this one and a line here. */
export const KIND_QUERIES: KindQuery[] = [schemas, extensions, tables, columns, constraints, indexes];
