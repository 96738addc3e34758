import { objectName } from '../../diff/object-name.js';
import { qualify } from '../../sql/quote.js';
import { isConstraint } from '../../kinds/constraint/query.js';
import { isIndex } from '../../kinds/index/query.js';
import type { Fact } from '../../catalog/fact.js';
import type { LintRule } from '../lint-rule.js';

/**
 * What an index answers, without its name: the table, access method, elements, INCLUDE and
 * predicate as pg_get_indexdef prints them. A key's index reads as a unique btree index on its
 * columns.
 */
function shapeOf(fact: Fact): string | undefined {
  // A partitioned table's index reads `ONLY public.t …`; its key's does not.
  if (isIndex(fact)) return fact.payload.definition.replace(/^ONLY /, '');
  // A deferrable key's index checks nothing until commit, so foreign keys need an index beside it.
  if (!isConstraint(fact) || !['p', 'u'].includes(fact.info.type) || fact.payload.deferrable) return undefined;
  const key = /^(?:PRIMARY KEY|UNIQUE) (\(.*\))( INCLUDE \(.*\))?$/.exec(fact.payload.definition);
  return key ? `${qualify(fact.name[0], fact.name[1])} USING btree ${key[1]}${key[2] ?? ''}` : undefined;
}

export const duplicateIndex: LintRule = {
  id: 'duplicate-index',
  severity: 'warning',
  why: 'a second index of the same shape answers no query the first does not, and every write pays for both',
  fix: 'drop one of them (keep a unique one, or the one a constraint owns)',
  check(catalog) {
    const first = new Map<string, Fact>();
    const flagged = [];
    for (const fact of catalog.values()) {
      const shape = shapeOf(fact);
      if (shape === undefined) continue;
      const seen = first.get(shape);
      if (!seen) first.set(shape, fact);
      else flagged.push({ fact, message: `${objectName(fact)} duplicates ${objectName(seen)}` });
    }
    return flagged;
  },
};
