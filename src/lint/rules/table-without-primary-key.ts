import { objectName } from '../../diff/object-name.js';
import { isConstraint } from '../../kinds/constraint/query.js';
import { isTable } from '../../kinds/table/query.js';
import type { LintRule } from '../lint-rule.js';

export const tableWithoutPrimaryKey: LintRule = {
  id: 'table-without-primary-key',
  severity: 'warning',
  why: 'rows cannot be addressed one by one: logical replication cannot replicate updates and deletes, and duplicates creep in',
  fix: 'add a primary key (a bigint identity column if the data has no natural key)',
  check(catalog) {
    const keyed = new Set([...catalog.values()].filter((f) => isConstraint(f) && f.info.type === 'p').map((f) => f.parent));
    // A partition has its parent's key, which the catalog holds on the parent.
    return [...catalog.values()].flatMap((fact) =>
      isTable(fact) && !fact.payload.partition && !keyed.has(fact.id) ? [{ fact, message: `${objectName(fact)} has no primary key` }] : [],
    );
  },
};
