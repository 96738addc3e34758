import { quoteLiteral } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult, RuleContext } from '../../diff/rule.js';
import { dependentsAround, recreateAside } from '../common/recreate-aside.js';
import type { TypeName } from '../common/type-fact.js';
import { typeName } from '../common/type-rule.js';
import { addValueActions, onlyAddsValues } from './add-values.js';
import type { EnumFact, EnumPayload } from './query.js';

export function createEnum(fact: EnumFact): Action[] {
  const values = fact.payload.values.map(quoteLiteral).join(', ');
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
export function changeValues({ from, to }: Change<EnumPayload, TypeName>, ctx: RuleContext): AlterResult {
  const before = from.payload.values;
  const after = to.payload.values;
  if (onlyAddsValues(before, after)) return addValueActions(to, typeName(to), before, after);
  const actions = recreateAside(from, to, createEnum(to), ctx, removalHazards(typeName(to), before, after));
  return { actions, ...dependentsAround(to, ctx) };
}

export const renameValue = (fact: EnumFact, from: string, to: string): string =>
  `ALTER TYPE ${typeName(fact)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`;
