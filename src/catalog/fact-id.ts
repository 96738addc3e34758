import { qualify } from '../sql/quote.js';

/** Builds the id of a fact from its kind and name path; quoting keeps names with dots unambiguous. */
export function factId(kind: string, ...name: string[]): string {
  // Joined, not concatenated: a concatenation is a rope that keeps its parts and, once hashed as a
  // map key, a flat copy as well. A catalog keeps every id for the whole diff, 160,000 at N=5000.
  return [kind, qualify(...name)].join(':');
}
