import { objectName } from '../../diff/object-name.js';
import { isPolicy } from '../../kinds/policy/query.js';
import { isRowSecurity } from '../../kinds/row-security/query.js';
import type { LintRule } from '../lint-rule.js';

export const rowSecurityWithoutPolicies: LintRule = {
  id: 'rls-without-policies',
  // A warning, not an error: locking a private table to its owner this way is a pattern of its
  // own (Graphile Starter's app_private tables), which an ignore comment can say.
  severity: 'warning',
  why: 'with row level security on and no policy, every role but the owner and superusers sees no rows and can write none',
  fix: 'add the policies the table needs, or leave row level security off; where shutting out all but the owner is the point, say so with an ignore comment',
  check(catalog) {
    const withPolicies = new Set([...catalog.values()].filter(isPolicy).map((p) => p.parent));
    return [...catalog.values()].flatMap((fact) =>
      isRowSecurity(fact) && fact.payload.enabled && !withPolicies.has(fact.parent)
        ? [{ fact, message: `${objectName(fact)} is enabled and the table has no policy` }]
        : [],
    );
  },
};
