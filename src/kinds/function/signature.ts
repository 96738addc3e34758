import type { Fact, Payload } from '../../catalog/fact.js';
import { qualify } from '../../sql/quote.js';

/** `public.f(a integer, b text)`: how DROP, COMMENT ON and GRANT name one routine among its overloads. */
export const signature = (fact: Fact<Payload, [schema: string, routine: string], { identity: string }>, args = fact.info.identity) => `${qualify(fact.name[0], fact.name[1])}(${args})`;
