import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { isNotExtensionMember } from '../scope.js';
import { TRIGGER_STATES } from '../../kinds/trigger/query.js';

interface Row { classid: number; oid: number; name: string; event: string; tags: string[] | null; function: string; enabled: string }

/**
 * Event triggers belong to the database, not to a schema. Their command tags are a set, kept
 * sorted; the function is named as regproc writes it with only pg_catalog on the path.
 */
export const eventTriggers: KindQuery = {
  kind: 'event_trigger',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_event_trigger'::regclass::oid AS classid, e.oid, e.evtname AS name, e.evtevent AS event,
             ARRAY(SELECT t FROM pg_catalog.unnest(e.evttags) AS t ORDER BY t) AS tags,
             e.evtfoid::pg_catalog.regproc::text AS function, e.evtenabled::text AS enabled
      FROM pg_catalog.pg_event_trigger e
      WHERE ${isNotExtensionMember('pg_event_trigger', 'e.oid')}`);
    return rows.map((r) => ({
      id: factId('event_trigger', r.name),
      kind: 'event_trigger',
      name: [r.name],
      payload: { event: r.event, tags: r.tags ?? [], function: r.function, enabled: TRIGGER_STATES[r.enabled] ?? r.enabled },
      info: {},
      deps: [],
      refs: [objectRef(r.classid, r.oid)],
    }));
  },
};
