import type { Fact } from '../../catalog/fact.js';
import { quoteLiteral } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../action.js';
import type { Rule } from '../rule.js';
import { addValueActions, onlyAddsValues } from './enum-add-values.js';
import { dependentsAround, recreateAside } from './recreate-aside.js';
import { typeName, typeRule } from './type-rule.js';

function createEnum(fact: Fact): Action[] {
  const values = (fact.payload.values as string[]).map(quoteLiteral).join(', ');
  return [action('enum', { sql: `CREATE TYPE ${typeName(fact)} AS ENUM (${values});`, creates: [fact.id] })];
}

/** PostgreSQL cannot drop or reorder enum values: the type is made anew, and rows holding a removed value fail. */
function removalHazards(name: string, before: string[], after: string[]): Hazard[] {
  const removed = before.filter((value) => !after.includes(value));
  if (!removed.length) return [];
  return [
    { kind: 'data-loss', message: `removes value(s) ${removed.join(', ')} from type ${name}` },
    { kind: 'data-dependent', message: `fails if a row holds ${removed.join(', ')} of type ${name}` },
  ];
}

/** Values only added are added in place; anything else needs the type made anew. */
export const enumRule: Rule = {
  ...typeRule('enum', createEnum, ({ from, to }, ctx) => {
    const before = from.payload.values as string[];
    const after = to.payload.values as string[];
    if (onlyAddsValues(before, after)) return addValueActions(to, typeName(to), before, after);
    const actions = recreateAside(from, to, createEnum(to), ctx, removalHazards(typeName(to), before, after));
    return { actions, ...dependentsAround(to, ctx) };
  }),
  members: (fact) => fact.payload.values as string[],
  renameMember: (fact, from, to) => `ALTER TYPE ${typeName(fact)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`,
};
