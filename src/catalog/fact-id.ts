import { qualify } from '../sql/quote.js';

/** Builds the id of a fact from its kind and name path; quoting keeps names with dots unambiguous. */
export function factId(kind: string, ...name: string[]): string {
  return `${kind}:${qualify(...name)}`;
}
