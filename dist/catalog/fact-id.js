import { qualify } from '../sql/quote.js';
/** Builds the id of a fact from its kind and name path; quoting keeps names with dots unambiguous. */
export function factId(kind, ...name) {
    return `${kind}:${qualify(...name)}`;
}
//# sourceMappingURL=fact-id.js.map