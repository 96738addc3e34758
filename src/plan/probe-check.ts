import type { Statement } from '../db/split-statements.js';
import { quoteIdent } from '../sql/quote.js';
import { from, textOf, unevaluable, type Node, type ProbeSite, type RowProbe } from './row-probe.js';

/**
 * A CHECK constraint fails to be added or validated on a row where its expression is false; NULL
 * passes. `source` is the statement that writes the expression: the probed one, an earlier ADD …
 * NOT VALID, or the definition production's catalog holds.
 */
export async function checkProbe(site: ProbeSite, source: Statement, constraint: Node, name: string): Promise<RowProbe | string> {
  const expression = textOf(source).parenthesizedAfter(Number(constraint.location), 'CHECK');
  if (expression === undefined) return `the expression of CHECK ${quoteIdent(name)} could not be read`;
  const refused = await unevaluable(site, constraint.raw_expr);
  if (refused) return refused;
  const { table } = site;
  return {
    statement: site.statement,
    sql: `SELECT EXISTS (SELECT 1 FROM ${from(table, !site.inherit || Boolean(constraint.is_no_inherit))} WHERE (${expression}) IS FALSE) AS fails`,
    scans: [table],
    failure: `checks ${quoteIdent(name)} on ${table}, and rows break it: (${expression}) is false for them`,
    fix: [`UPDATE ${table} SET <column> = <value> WHERE NOT (${expression});  -- above this statement`],
  };
}
