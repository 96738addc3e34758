import { factId } from './fact-id.js';
/**
 * A fact that is one setting of a table (row level security, replica identity, storage
 * parameters): addressed by the table's name, inside it, needing it, answering to no catalog
 * address of its own.
 */
export function tableProperty(kind, schema, table, payload) {
    const parent = factId('table', schema, table);
    return { id: factId(kind, schema, table), kind, name: [schema, table], parent, payload, info: {}, deps: [parent], refs: [] };
}
//# sourceMappingURL=table-property.js.map