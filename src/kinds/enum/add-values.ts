import { quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { EnumFact } from './query.js';

/** True when `after` keeps every value of `before`, in the same order. */
export function onlyAddsValues(before: string[], after: string[]): boolean {
  let next = 0;
  for (const value of after) if (value === before[next]) next++;
  return next === before.length;
}

/**
 * One ADD VALUE per new value, each placed next to a value that already exists by then: values
 * after the first kept one go AFTER their predecessor, values before it BEFORE their successor.
 * ADD VALUE may not share a transaction with a use of the value (on PostgreSQL < 12 with anything),
 * so each statement runs on its own.
 */
export function addValueActions(type: EnumFact, typeName: string, before: string[], after: string[]): Action[] {
  const firstKept = after.findIndex((value) => before.includes(value));
  const position = (i: number): string => {
    if (firstKept === -1 && i === 0) return '';
    if (firstKept !== -1 && i < firstKept) return ` BEFORE ${quoteLiteral(after[i + 1]!)}`;
    if (i === after.length - 1) return '';
    return ` AFTER ${quoteLiteral(after[i - 1]!)}`;
  };
  const indices = after.map((_, i) => i);
  const order = firstKept === -1 ? indices : [...indices.slice(0, firstKept).reverse(), ...indices.slice(firstKept)];
  return order
    .filter((i) => !before.includes(after[i]!))
    .map((i) =>
      action('enum', {
        sql: `ALTER TYPE ${typeName} ADD VALUE ${quoteLiteral(after[i]!)}${position(i)};`,
        alters: [type.id],
        transactional: false,
      }),
    );
}
