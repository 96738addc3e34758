import { quoteIdent } from '../sql/quote.js';

/** A parameter's place in a signature: after the parenthesis or a comma, after its mode if any. */
const PARAMETER_START = '((?:\\(|, )(?:(?:IN|OUT|INOUT|VARIADIC) )?)';

/** A name a server may have written bare: anything else it quoted already. */
const BARE = /^[a-z_][a-z0-9_$]*$/;

/**
 * A routine's signature text (pg_get_functiondef's header, pg_get_function_identity_arguments) with
 * every parameter name quoted that some supported major cannot read bare. The server quotes only
 * its own keywords: PostgreSQL 15 writes `f(json json)`, which 16 on reject (`json` became a
 * keyword), where 18 writes `f("json" json)`. Both then read as the latter, so a schema dumped from
 * one major loads on the others and the two sides of a diff compare equal. Only the names the
 * routine has are touched, only where a parameter name stands, and only up to `end` (the body
 * after it is the routine's own text; -1 for none).
 */
export function portableParameterNames(text: string, names: readonly (string | null)[], end = -1): string {
  const cut = end < 0 ? text.length : end;
  let head = text.slice(0, cut);
  for (const name of new Set(names)) {
    if (!name || !BARE.test(name) || quoteIdent(name) === name) continue;
    head = head.replace(new RegExp(`${PARAMETER_START}${name.replaceAll('$', '\\$')} `, 'g'), (_m, start: string) => `${start}${quoteIdent(name)} `);
  }
  return head + text.slice(cut);
}
