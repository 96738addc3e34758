import { objectName } from '../../diff/object-name.js';
import { isRoutine } from '../../kinds/function/query.js';
import type { LintRule } from '../lint-rule.js';

export const securityDefinerSearchPath: LintRule = {
  id: 'security-definer-search-path',
  severity: 'error',
  why: 'a SECURITY DEFINER routine resolves names through the caller\'s search_path, so a caller who can create objects runs their own code with the owner\'s rights',
  fix: 'add SET search_path = pg_catalog, pg_temp (and qualify the names it uses), or make it SECURITY INVOKER',
  check: (catalog) =>
    [...catalog.values()].flatMap((fact) => {
      // pg_get_functiondef writes one clause a line before the body: these two are whole lines.
      if (!isRoutine(fact) || !/^ SECURITY DEFINER$/m.test(fact.payload.definition)) return [];
      if (/^ SET search_path (TO|=|FROM CURRENT)/m.test(fact.payload.definition)) return [];
      return [{ fact, message: `${objectName(fact)} is SECURITY DEFINER without SET search_path` }];
    }),
};
