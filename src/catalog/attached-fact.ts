import type { Payload } from './fact.js';
import type { ExtractedFact } from './kind-query.js';
import { factWith } from './fact-with.js';

/**
 * A fact about another object that knows that object only by catalog address (`ref`): a comment,
 * an owner. Once every kind is read it takes its id, parent and dependency from the fact answering
 * to the address (`comment:table:public.t`); where none does, the engine does not manage the
 * object and the fact is left out.
 */
export function attachedFact(kind: string, ref: string, payload: Payload): ExtractedFact {
  return {
    id: `${kind}@${ref}`,
    kind,
    name: [],
    payload,
    info: {},
    deps: [],
    refs: [],
    resolve: (fact, idOf) => {
      const target = idOf(ref);
      if (!target) return undefined;
      return factWith(fact, { id: `${kind}:${target}`, name: [target], parent: target, deps: [target] });
    },
  };
}
