import { quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { columnsUsing, recreateAside } from '../common/recreate-aside.js';
import type { TypeName } from '../common/type-fact.js';
import { typeName } from '../common/type-rule.js';
import type { CompositeAttribute, CompositeFact, CompositePayload } from './query.js';

const typeSql = (a: CompositeAttribute) => `${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;
const attributeSql = (a: CompositeAttribute) => `${quoteIdent(a.name)} ${typeSql(a)}`;

export function createComposite(fact: CompositeFact): Action[] {
  const attributes = fact.payload.attributes.map(attributeSql).join(', ');
  return [action('composite', { sql: `CREATE TYPE ${typeName(fact)} AS (${attributes});`, creates: [fact.id] })];
}

/**
 * Attributes are dropped, added at the end and retyped in place. PostgreSQL refuses to retype an
 * attribute while a column holds the type, and cannot put a new attribute anywhere but last: then
 * the type is made anew and its rows move through text, after the in-place drops and additions
 * have lined the old type up with the new one.
 */
export function alterComposite({ from, to }: Change<CompositePayload, TypeName>, ctx: RuleContext): Action[] {
  const name = typeName(to);
  const before = from.payload.attributes;
  const after = to.payload.attributes;
  const kept = after.filter((a) => before.some((b) => b.name === a.name));
  const keptBefore = before.filter((b) => after.some((a) => a.name === b.name));
  const appendsOnly = after.slice(0, kept.length).every((a, i) => a.name === keptBefore[i]?.name);
  const retyped = kept.filter((a) => {
    const b = before.find((x) => x.name === a.name)!;
    return a.type !== b.type || a.collation !== b.collation;
  });
  const used = columnsUsing(to.id, ctx).length > 0;
  const step = (clause: string, hazards: Hazard[] = []): Action =>
    action('composite', { sql: `ALTER TYPE ${name} ${clause};`, alters: [to.id], hazards });

  const out: Action[] = [];
  for (const b of before.filter((x) => !after.some((a) => a.name === x.name))) {
    out.push(step(`DROP ATTRIBUTE ${quoteIdent(b.name)}`, used ? [{ kind: 'data-loss', message: `drops attribute ${b.name} of ${name} from every row` }] : []));
  }
  const added = after.slice(kept.length).map((a) => step(`ADD ATTRIBUTE ${attributeSql(a)}`));
  if (!appendsOnly || (retyped.length > 0 && used)) {
    // Additions line the old type up with the new one, so each row's text form fits the new type.
    if (appendsOnly) out.push(...added);
    const hazards: Hazard[] = [{ kind: 'data-dependent', message: `fails if a value of ${name} does not fit its new attributes` }];
    return [...out, ...recreateAside(from, to, createComposite(to), ctx, hazards)];
  }
  for (const a of retyped) {
    out.push(step(`ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${typeSql(a)}`));
  }
  return [...out, ...added];
}
