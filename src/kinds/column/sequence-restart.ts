import type { Json } from '../../catalog/fact.js';
import type { Hazard } from '../../diff/action.js';
import type { SequenceOptions } from '../sequence/query.js';

/**
 * Postgres refuses new bounds that leave a sequence's current value outside them. Restarting at
 * the new start is the only way through, and a reviewer must see it: values may be handed out
 * again.
 */
export function restartOutsideBounds(
  current: Json | undefined,
  options: Pick<SequenceOptions, 'start' | 'min' | 'max'>,
  name: string,
): { clauses: string[]; hazards: Hazard[] } {
  if (current === null || current === undefined) return { clauses: [], hazards: [] };
  const value = BigInt(String(current));
  if (value >= BigInt(options.min) && value <= BigInt(options.max)) return { clauses: [], hazards: [] };
  return {
    clauses: [`RESTART WITH ${options.start}`],
    hazards: [{ kind: 'data-dependent', message: `restarts ${name} at ${options.start}: its value ${value} is outside the new bounds` }],
  };
}
