import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import { recreateAside } from '../common/recreate-aside.js';
import type { CollationFact, CollationPayload } from './query.js';

export const collationName = (fact: CollationFact): string => qualify(fact.name[0], fact.name[1]);

export function createCollation(fact: CollationFact): Action[] {
  const p = fact.payload;
  const options = [`provider = ${p.provider}`];
  if (p.locale !== null) options.push(`locale = ${quoteLiteral(p.locale)}`);
  if (p.lcCollate !== null) options.push(`lc_collate = ${quoteLiteral(p.lcCollate)}`);
  if (p.lcCtype !== null) options.push(`lc_ctype = ${quoteLiteral(p.lcCtype)}`);
  if (!p.deterministic) options.push('deterministic = false');
  if (p.rules !== null) options.push(`rules = ${quoteLiteral(p.rules)}`);
  return [action('collation', { sql: `CREATE COLLATION ${collationName(fact)} (${options.join(', ')});`, creates: [fact.id] })];
}

/** A collation cannot change: it is made anew and the columns that use it move over with their rows. */
export function recreateCollation({ from, to }: Change<CollationPayload, CollationFact['name']>, ctx: RuleContext): Action[] {
  const hazards = [{ kind: 'data-dependent' as const, message: `re-sorts and re-checks every column of collation ${collationName(to)}` }];
  return recreateAside(from, to, createCollation(to), ctx, hazards);
}
