import { factId } from '../fact-id.js';
import { objectRef } from '../kind-query.js';
/**
 * A type of any flavour as a fact. Types share the `type:` id space, since a schema holds one type
 * of a name. The array type answers to the type's address too, so a `mood[]` column depends on
 * `mood`; `refs` adds what else answers for it.
 */
export function typeFact(kind, r, payload, refs = []) {
    return {
        id: factId('type', r.schema, r.name),
        kind,
        name: [r.schema, r.name],
        payload,
        info: {},
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid), objectRef(r.classid, r.array_oid), ...refs],
    };
}
//# sourceMappingURL=type-fact.js.map