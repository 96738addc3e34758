import { factId } from '../fact-id.js';
import { objectRef } from '../kind-query.js';
import { isNotExtensionMember } from '../scope.js';
import { TRIGGER_STATES } from './triggers.js';
/**
 * Event triggers belong to the database, not to a schema. Their command tags are a set, kept
 * sorted; the function is named as regproc writes it with only pg_catalog on the path.
 */
export const eventTriggers = {
    kind: 'event_trigger',
    async extract(db) {
        const { rows } = await db.query(`
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
//# sourceMappingURL=event-triggers.js.map