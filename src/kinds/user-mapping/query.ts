import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';

/** A user mapping is there or not: its options hold credentials, never read into the payload. */
export type UserMappingPayload = Record<string, never>;

/** The keys of the mapping's options, which the warning for a mapping the plan creates names. */
export type UserMappingInfo = { optionKeys: string[] };

export type UserMappingFact = Fact<UserMappingPayload, [server: string, role: string], UserMappingInfo>;

interface Row { classid: number; oid: number; server: string; role: string; option_keys: string[] }

/** The role a mapping for PUBLIC names (umuser 0), as a user mapping's name holds it. */
export const PUBLIC_MAPPING = 'public';

/**
 * The role a mapping for the current user names: whoever loads the shadow (its sandbox role) and
 * whoever migrates production, as owners read (kinds/owner/query.ts). No role can have either name.
 */
export const CURRENT_USER_MAPPING = 'current_user';

/**
 * User mappings, named by server and role. Their options hold credentials (user, password), so
 * only the options' keys are read, never their values, and only as information: the values of a
 * mapping the plan creates cannot be in the plan and are set by hand (rule.ts), so
 * keys in the payload would hold the plan's target out of reach. `pg_user_mapping` itself is
 * readable only by superusers: pg_user_mappings shows every mapping, and options only to some.
 */
export const userMappingQuery: KindQuery = {
  kind: 'user_mapping',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_user_mapping'::regclass::oid AS classid, m.umid AS oid, m.srvname AS server,
             CASE WHEN m.umuser = 0 THEN '${PUBLIC_MAPPING}' WHEN m.usename = current_user THEN '${CURRENT_USER_MAPPING}'
                  ELSE m.usename::text END AS role,
             ARRAY(SELECT pg_catalog.split_part(o, '=', 1) FROM pg_catalog.unnest(m.umoptions) AS o ORDER BY 1) AS option_keys
      FROM pg_catalog.pg_user_mappings m`);
    return rows.map((r) => {
      const payload: UserMappingPayload = {};
      return {
        id: factId('user_mapping', r.server, r.role),
        kind: 'user_mapping',
        name: [r.server, r.role],
        payload,
        info: { optionKeys: r.option_keys } satisfies UserMappingInfo,
        deps: [factId('foreign_server', r.server)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
