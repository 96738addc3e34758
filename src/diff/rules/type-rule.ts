import type { Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';

export const typeName = (fact: Fact): string => qualify(fact.name[0]!, fact.name[1]!);

/** The rule of a CREATE TYPE flavour (enum, composite, range): they differ in how they are made and changed. */
export function typeRule(kind: string, create: Rule['create'], alter: Rule['alter']): Rule {
  return {
    kind,
    objectRef: (fact) => `TYPE ${typeName(fact)}`,
    create,
    drop: (fact) => [
      action(kind, { sql: `DROP TYPE ${typeName(fact)};`, hazards: [{ kind: 'data-loss', message: `drops type ${typeName(fact)}` }] }),
    ],
    alter,
    rename: (fact, to) => `ALTER TYPE ${typeName(fact)} RENAME TO ${quoteIdent(to)};`,
  };
}
