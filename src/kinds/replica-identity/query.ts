import type { Fact } from '../../catalog/fact.js';
import { factWith } from '../../catalog/fact-with.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { tableProperty } from '../../catalog/table-property.js';

export type ReplicaIdentityPayload = {
  identity: 'full' | 'nothing' | 'index';
  /** The index an `index` identity uses; null for the others. */
  index: string | null;
};

export type ReplicaIdentityFact = Fact<ReplicaIdentityPayload, [schema: string, table: string]>;

interface Row { schema: string; table: string; identity: string; index: string | null; index_ref: string | null }

const IDENTITY: Record<string, ReplicaIdentityPayload['identity']> = { f: 'full', n: 'nothing', i: 'index' };

/**
 * A table's REPLICA IDENTITY when it is not the default (the primary key). An index identity
 * needs its index, whether a constraint or the index kind models it.
 */
export const replicaIdentityQuery: KindQuery = {
  kind: 'replica_identity',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT n.nspname AS schema, c.relname AS table, c.relreplident::text AS identity, ic.relname AS index,
             CASE WHEN ic.oid IS NOT NULL THEN 'pg_class'::regclass::oid::text || ':' || ic.oid::text || ':0' END AS index_ref
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisreplident AND c.relreplident = 'i'
      LEFT JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relkind IN ('r', 'p') AND c.relreplident <> 'd'
        AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const payload: ReplicaIdentityPayload = { identity: IDENTITY[r.identity]!, index: r.index };
      return {
        ...tableProperty('replica_identity', r.schema, r.table, payload),
        resolve: (fact, idOf) => {
          const index = r.index_ref ? idOf(r.index_ref) : undefined;
          return index ? factWith(fact, { deps: [...new Set([...fact.deps, index])].sort() }) : fact;
        },
      };
    });
  },
};
