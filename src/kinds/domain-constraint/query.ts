import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember, isUserSchema } from '../../catalog/scope.js';
import { portableArrayCasts } from '../../catalog/array-casts.js';
import { portableNames } from '../../catalog/portable-names.js';

/** A domain's CHECK constraint: what the diff compares and the rule writes. */
export type DomainConstraintPayload = {
  /** `CHECK (…)` as pg_get_constraintdef writes it, without NOT VALID. */
  check: string;
  validated: boolean;
};

export type DomainConstraintFact = Fact<DomainConstraintPayload, [schema: string, domain: string, constraint: string]>;

/** A domain's children as this kind's facts, for the domain that writes them inline. */
export const isDomainConstraint = (fact: Fact): fact is DomainConstraintFact => fact.kind === 'domain_constraint';

interface Row { oid: number; classid: number; schema: string; domain: string; name: string; definition: string; validated: boolean }

/**
 * CHECK constraints of domains. NOT VALID is a flag of its own, since VALIDATE CONSTRAINT changes
 * it in place; the NOT NULL constraints PostgreSQL 17 lists here are the domain's flag instead.
 */
export const domainConstraintQuery: KindQuery = {
  kind: 'domain_constraint',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT con.oid, 'pg_constraint'::regclass::oid AS classid,
             n.nspname AS schema, t.typname AS domain, con.conname AS name,
             pg_catalog.pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated
      FROM pg_catalog.pg_constraint con
      JOIN pg_catalog.pg_type t ON t.oid = con.contypid
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE con.contype = 'c' AND ${isUserSchema('n.nspname')} AND ${isNotExtensionMember('pg_type', 't.oid')}
      ORDER BY n.nspname, t.typname, con.conname`);
    return rows.map((r) => {
      const domain = factId('type', r.schema, r.domain);
      const notValid = ' NOT VALID';
      const definition = !r.validated && r.definition.endsWith(notValid) ? r.definition.slice(0, -notValid.length) : r.definition;
      const check = portableNames(portableArrayCasts(definition), serverVersion, 'constraint');
      const payload: DomainConstraintPayload = { check, validated: r.validated };
      return {
        id: factId('domain_constraint', r.schema, r.domain, r.name),
        kind: 'domain_constraint',
        name: [r.schema, r.domain, r.name],
        parent: domain,
        payload,
        info: {},
        deps: [domain],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
