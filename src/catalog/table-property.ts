import type { Payload } from './fact.js';
import { factId } from './fact-id.js';
import type { ExtractedFact } from './kind-query.js';

/**
 * A fact that is one setting of a table (row level security, replica identity, storage
 * parameters): addressed by the table's name, inside it, needing it, answering to no catalog
 * address of its own.
 */
export function tableProperty(kind: string, schema: string, table: string, payload: Payload): ExtractedFact {
  const parent = factId('table', schema, table);
  return { id: factId(kind, schema, table), kind, name: [schema, table], parent, payload, info: {}, deps: [parent], refs: [] };
}
