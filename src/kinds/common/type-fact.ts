import type { Payload } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type ExtractedFact } from '../../catalog/kind-query.js';

export interface TypeRow { oid: number; array_oid: number; classid: number; schema: string; name: string }

/** The name path of a type of any flavour. */
export type TypeName = [schema: string, type: string];

/**
 * A type of any flavour as a fact. Types share the `type:` id space, since a schema holds one type
 * of a name. The array type answers to the type's address too, so a `mood[]` column depends on
 * `mood`; `refs` adds what else answers for it.
 */
export function typeFact(kind: string, r: TypeRow, payload: Payload, refs: string[] = []): ExtractedFact {
  const name: TypeName = [r.schema, r.name];
  return {
    id: factId('type', r.schema, r.name),
    kind,
    name,
    payload,
    info: {},
    deps: [factId('schema', r.schema)],
    refs: [objectRef(r.classid, r.oid), objectRef(r.classid, r.array_oid), ...refs],
  };
}
