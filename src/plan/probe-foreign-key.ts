import { quoteIdent } from '../sql/quote.js';
import { from, names, relationText, type Node, type ProbeSite, type RowProbe } from './row-probe.js';

/**
 * A foreign key fails to be added or validated on a row whose key references no row of the
 * referenced table. As PostgreSQL's own check (RI_Initial_Check): MATCH SIMPLE passes a key with
 * any NULL in it, MATCH FULL only a key that is all NULL; inheritors are read only of partitioned
 * tables. A referenced table the plan makes is empty: then every key that must match fails.
 */
export async function foreignKeyProbe(site: ProbeSite, constraint: Node, name: string): Promise<RowProbe | string> {
  const { table, plan, production } = site;
  const columns = names(constraint.fk_attrs);
  const parent = relationText(constraint.pktable);
  const child = await production.relation(table);
  if (!child) return `production has no table ${table}`;
  const unreadable = plan.unreadable(table, columns);
  if (unreadable) return unreadable;
  const keys = columns.map((c) => `c.${quoteIdent(c)}`);
  const keyed = `(${keys.map((k) => `${k} IS NOT NULL`).join(constraint.fk_matchtype === 'f' ? ' OR ' : ' AND ')})`;
  let unmatched = '';
  const scans = [table];
  if (!plan.made(parent)) {
    const referenced = await production.relation(parent);
    const targets = names(constraint.pk_attrs).length ? names(constraint.pk_attrs) : await production.primaryKey(parent);
    if (!referenced || !targets) return `production has no table ${parent} with the key it references`;
    const changed = plan.unreadable(parent, targets);
    if (changed) return changed;
    const match = targets.map((t, i) => `p.${quoteIdent(t)} = ${keys[i]}`).join(' AND ');
    unmatched = ` AND NOT EXISTS (SELECT 1 FROM ${from(parent, !referenced.partitioned)} p WHERE ${match})`;
    scans.push(parent);
  }
  const orphans = `${keyed}${unmatched}`;
  return {
    statement: site.statement,
    sql: `SELECT EXISTS (SELECT 1 FROM ${from(table, !child.partitioned)} c WHERE ${orphans}) AS fails`,
    scans,
    failure: `adds foreign key ${quoteIdent(name)} from ${table} to ${parent}, and rows of ${table} reference no row of ${parent}`,
    fix: [`DELETE FROM ${table} c WHERE ${orphans};  -- or insert the rows they reference into ${parent}, above this statement`],
  };
}
