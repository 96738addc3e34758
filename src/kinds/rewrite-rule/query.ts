import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { factWith } from '../../catalog/fact-with.js';
import { portableNames } from '../../catalog/portable-names.js';

/** When a rule fires, as pg_rewrite.ev_enabled says: `origin` is the default. */
export type RuleFiring = 'origin' | 'disabled' | 'replica' | 'always';

/** A rewrite rule's state: what the diff compares and the rule writes. */
export type RewriteRulePayload = {
  /** The whole CREATE RULE statement, as pg_get_ruledef writes it. */
  definition: string;
  enabled: RuleFiring;
};

export type RewriteRuleFact = Fact<RewriteRulePayload, [schema: string, relation: string, rule: string]>;

interface Row {
  classid: number;
  oid: number;
  relclassid: number;
  relid: number;
  schema: string;
  relation: string;
  name: string;
  definition: string;
  enabled: string;
}

const ENABLED: Record<string, RuleFiring> = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' };

/**
 * Rewrite rules a user created on a table or view (a view's own `_RETURN` rule is the view).
 * The rule lives inside its relation's fact, whichever kind models that relation; a rule on a
 * relation no kind models stays unmodelled.
 */
export const rewriteRuleQuery: KindQuery = {
  kind: 'rule',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_rewrite'::regclass::oid AS classid, r.oid, 'pg_class'::regclass::oid AS relclassid,
             c.oid AS relid, n.nspname AS schema, c.relname AS relation, r.rulename AS name,
             pg_catalog.pg_get_ruledef(r.oid) AS definition, r.ev_enabled::text AS enabled
      FROM pg_catalog.pg_rewrite r
      JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE r.rulename <> '_RETURN' AND ${isUserSchema('n.nspname')}
        AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const relation = objectRef(r.relclassid, r.relid);
      const payload: RewriteRulePayload = { definition: portableNames(r.definition, serverVersion, 'statement'), enabled: ENABLED[r.enabled]! };
      return {
        id: factId('rule', r.schema, r.relation, r.name),
        kind: 'rule',
        name: [r.schema, r.relation, r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
        resolve: (fact, idOf) => {
          const parent = idOf(relation);
          return parent ? factWith(fact, { parent, deps: [...new Set([parent, ...fact.deps])].sort() }) : undefined;
        },
      };
    });
  },
};
