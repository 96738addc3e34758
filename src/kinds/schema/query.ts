import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';

/** A schema is its name: the diff compares nothing else. */
export type SchemaPayload = Record<string, never>;

export type SchemaFact = Fact<SchemaPayload, [schema: string]>;

interface Row { oid: number; classid: number; name: string }

export const schemaQuery: KindQuery = {
  kind: 'schema',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT n.oid, 'pg_namespace'::regclass::oid AS classid, n.nspname AS name
      FROM pg_catalog.pg_namespace n
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_namespace', 'n.oid')}`);
    return rows.map((r) => {
      const payload: SchemaPayload = {};
      return {
        id: factId('schema', r.name),
        kind: 'schema',
        name: [r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
