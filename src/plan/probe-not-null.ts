import { quoteIdent } from '../sql/quote.js';
import { from, type Node, type ProbeSite, type RowProbe } from './row-probe.js';

const hasConstraint = (def: Node, ...types: string[]) =>
  ((def.constraints ?? []) as { Constraint?: { contype?: string } }[]).some((c) => types.includes(String(c.Constraint?.contype)));

/** ADD COLUMN … NOT NULL without a default fails on a table that has any row. */
export function addColumnProbe(site: ProbeSite, def: Node): RowProbe | undefined {
  if (!hasConstraint(def, 'CONSTR_NOTNULL') || hasConstraint(def, 'CONSTR_DEFAULT', 'CONSTR_GENERATED', 'CONSTR_IDENTITY')) return undefined;
  const { table } = site;
  const column = quoteIdent(String(def.colname));
  return {
    statement: site.statement,
    sql: `SELECT EXISTS (SELECT 1 FROM ${table}) AS fails`,
    scans: [],
    failure: `adds ${column} NOT NULL without a default to ${table}, which has rows`,
    fix: [
      `ALTER TABLE ${table} ADD COLUMN ${column} <type>;  -- in place of this statement, then:`,
      `UPDATE ${table} SET ${column} = <value> WHERE ${column} IS NULL;`,
      `ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL;`,
    ],
  };
}

/**
 * SET NOT NULL, and a primary key, which makes its columns NOT NULL, fail on a row with a NULL
 * in one of the columns.
 */
export function nullsProbe(site: ProbeSite, columns: string[], what: string): RowProbe {
  const { table } = site;
  const quoted = columns.map(quoteIdent);
  const anyNull = quoted.map((c) => `${c} IS NULL`).join(' OR ');
  const listed = quoted.join(', ');
  return {
    statement: site.statement,
    sql: `SELECT EXISTS (SELECT 1 FROM ${from(table, !site.inherit)} WHERE ${anyNull}) AS fails`,
    scans: [table],
    failure: `${what}, and rows hold NULL in ${listed}`,
    fix: quoted.map((c) => `UPDATE ${table} SET ${c} = <value> WHERE ${c} IS NULL;  -- above this statement`),
  };
}
