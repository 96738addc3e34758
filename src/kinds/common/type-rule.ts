import type { Fact, Payload } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../../diff/action.js';
import type { KindDefinition } from '../kind.js';
import type { TypeName } from './type-fact.js';

export const typeName = (fact: Fact<Payload, TypeName>): string => qualify(fact.name[0], fact.name[1]);

/**
 * What every CREATE TYPE flavour (enum, composite, range) writes alike: how it is named, dropped
 * and renamed. They differ in how they are made and changed.
 */
export function typeStatements<P extends Payload>(kind: string): Pick<KindDefinition<P, TypeName>, 'objectRef' | 'drop' | 'rename'> {
  return {
    objectRef: (fact) => `TYPE ${typeName(fact)}`,
    drop: (fact) => [
      action(kind, { sql: `DROP TYPE ${typeName(fact)};`, hazards: [{ kind: 'data-loss', message: `drops type ${typeName(fact)}` }] }),
    ],
    rename: (fact, to) => `ALTER TYPE ${typeName(fact)} RENAME TO ${quoteIdent(to)};`,
  };
}
