import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { factWith } from '../../catalog/fact-with.js';
import { portableNames } from '../../catalog/portable-names.js';

/** When a trigger fires, as ALTER TABLE … ENABLE/DISABLE TRIGGER names the states. */
export type TriggerState = 'enabled' | 'disabled' | 'replica' | 'always';

/** A trigger's state: what the diff compares and the rule writes. */
export type TriggerPayload = {
  /** The whole CREATE TRIGGER statement, as pg_get_triggerdef writes it, without the semicolon. */
  definition: string;
  enabled: TriggerState;
};

export type TriggerFact = Fact<TriggerPayload, [schema: string, table: string, trigger: string]>;

interface Row {
  classid: number;
  class_classid: number;
  oid: number;
  relid: number;
  schema: string;
  table: string;
  name: string;
  definition: string;
  enabled: string;
}

/** pg_trigger.tgenabled, as ALTER TABLE … ENABLE/DISABLE TRIGGER names the states. */
export const TRIGGER_STATES: Record<string, TriggerState> = { O: 'enabled', D: 'disabled', R: 'replica', A: 'always' };

/**
 * Triggers a team declares, constraint triggers included, on tables and views alike. Internal
 * triggers (those behind foreign keys and deferrable unique keys) are their constraint's, and the
 * clones a partition gets from its parent's trigger come with the parent's. Whether a trigger
 * fires is state of its own, since pg_get_triggerdef leaves it out.
 */
export const triggerQuery: KindQuery = {
  kind: 'trigger',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_trigger'::regclass::oid AS classid, 'pg_class'::regclass::oid AS class_classid, tg.oid,
             c.oid AS relid, n.nspname AS schema, c.relname AS table, tg.tgname AS name,
             pg_catalog.pg_get_triggerdef(tg.oid) AS definition, tg.tgenabled::text AS enabled
      FROM pg_catalog.pg_trigger tg
      JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const payload: TriggerPayload = { definition: portableNames(r.definition, serverVersion, 'statement'), enabled: TRIGGER_STATES[r.enabled]! };
      return {
        id: factId('trigger', r.schema, r.table, r.name),
        kind: 'trigger',
        name: [r.schema, r.table, r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
        // The relation may be a table or a view: whichever fact answers for it is the parent.
        resolve: (fact, idOf) => {
          const parent = idOf(objectRef(r.class_classid, r.relid));
          return parent ? factWith(fact, { parent, deps: [...new Set([parent, ...fact.deps])] }) : fact;
        },
      };
    });
  },
};
