import type { Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { Rule } from '../rule.js';
import { addValueActions, onlyAddsValues } from './enum-add-values.js';
import { recreateEnum } from './enum-recreate.js';

const typeName = (fact: Fact) => qualify(fact.name[0]!, fact.name[1]!);

function createEnum(fact: Fact): Action[] {
  const values = (fact.payload.values as string[]).map(quoteLiteral).join(', ');
  return [action('enum', { sql: `CREATE TYPE ${typeName(fact)} AS ENUM (${values});`, creates: [fact.id] })];
}

/** Values only added are added in place; anything else needs the type made anew. */
export const enumRule: Rule = {
  kind: 'enum',
  objectRef: (fact) => `TYPE ${typeName(fact)}`,
  create: createEnum,
  drop: (fact) => [
    action('enum', {
      sql: `DROP TYPE ${typeName(fact)};`,
      hazards: [{ kind: 'data-loss', message: `drops type ${typeName(fact)}` }],
    }),
  ],
  alter: ({ from, to }, ctx) => {
    const before = from.payload.values as string[];
    const after = to.payload.values as string[];
    if (onlyAddsValues(before, after)) return addValueActions(to, typeName(to), before, after);
    return recreateEnum(from, to, createEnum(to), ctx);
  },
  rename: (fact, to) => `ALTER TYPE ${typeName(fact)} RENAME TO ${quoteIdent(to)};`,
  members: (fact) => fact.payload.values as string[],
  renameMember: (fact, from, to) => `ALTER TYPE ${typeName(fact)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`,
};
