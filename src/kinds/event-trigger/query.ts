import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { TRIGGER_STATES } from '../trigger/query.js';
import { isNotExtensionMember } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';

export type EventTriggerPayload = {
  /** `ddl_command_start`, `sql_drop`, …. */
  event: string;
  /** The command tags it fires for, sorted; empty for all. */
  tags: string[];
  /** The function it runs, as regproc writes it with only pg_catalog on the path. */
  function: string;
  /** The firing state: `enabled`, `disabled`, `replica` or `always`. */
  enabled: string;
};

export type EventTriggerFact = Fact<EventTriggerPayload, [trigger: string]>;

interface Row { classid: number; oid: number; name: string; event: string; tags: string[] | null; function: string; enabled: string }

/**
 * Event triggers belong to the database, not to a schema. Their command tags are a set, kept
 * sorted; the function is named as regproc writes it with only pg_catalog on the path.
 */
export const eventTriggerQuery: KindQuery = {
  kind: 'event_trigger',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_event_trigger'::regclass::oid AS classid, e.oid, e.evtname AS name, e.evtevent AS event,
             ARRAY(SELECT t FROM pg_catalog.unnest(e.evttags) AS t ORDER BY t) AS tags,
             e.evtfoid::pg_catalog.regproc::text AS function, e.evtenabled::text AS enabled
      FROM pg_catalog.pg_event_trigger e
      WHERE ${isNotExtensionMember('pg_event_trigger', 'e.oid')}`);
    return rows.map((r) => {
      const payload: EventTriggerPayload = { event: r.event, tags: r.tags ?? [], function: portableNames(r.function, serverVersion, 'name'), enabled: TRIGGER_STATES[r.enabled] ?? r.enabled };
      return {
        id: factId('event_trigger', r.name),
        kind: 'event_trigger',
        name: [r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
