import { PUBLIC_GRANTEE } from '../../catalog/acl.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import type { Fact } from '../../catalog/fact.js';
import { portableNames } from '../../catalog/portable-names.js';

/** A policy's state: what the diff compares and the rule writes. */
export type PolicyPayload = {
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  /** Role fact ids and PUBLIC, sorted. */
  roles: string[];
  using: string | null;
  check: string | null;
};

export type PolicyFact = Fact<PolicyPayload, [schema: string, table: string, policy: string]>;
export const isPolicy = (fact: Fact): fact is PolicyFact => fact.kind === 'policy';

interface Row {
  oid: number;
  classid: number;
  schema: string;
  table: string;
  name: string;
  command: string;
  permissive: boolean;
  /** null stands for PUBLIC. */
  roles: (string | null)[];
  using: string | null;
  check: string | null;
}

const COMMANDS: Record<string, PolicyPayload['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

/**
 * Row level security policies. `roles` holds role fact ids and PUBLIC, sorted; what the USING and
 * WITH CHECK expressions read (functions, other tables) comes from pg_depend.
 */
export const policyQuery: KindQuery = {
  kind: 'policy',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT p.oid, 'pg_policy'::regclass::oid AS classid, n.nspname AS schema, c.relname AS table,
             p.polname AS name, p.polcmd::text AS command, p.polpermissive AS permissive,
             (SELECT array_agg(CASE WHEN r.oid <> 0 THEN pg_catalog.pg_get_userbyid(r.oid)::text END)
               FROM unnest(p.polroles) r(oid)) AS roles,
             pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using,
             pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check
      FROM pg_catalog.pg_policy p
      JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_class', 'c.oid')}`);
    return rows.map((r) => {
      const table = factId('table', r.schema, r.table);
      const payload: PolicyPayload = {
        command: COMMANDS[r.command]!,
        permissive: r.permissive,
        roles: r.roles.map((role) => (role === null ? PUBLIC_GRANTEE : factId('role', role))).sort(),
        using: portableNames(r.using, serverVersion, 'expression'),
        check: portableNames(r.check, serverVersion, 'expression'),
      };
      return {
        id: factId('policy', r.schema, r.table, r.name),
        kind: 'policy',
        name: [r.schema, r.table, r.name],
        parent: table,
        payload,
        info: {},
        deps: [table],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
