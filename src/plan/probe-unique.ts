import { qualify, quoteIdent } from '../sql/quote.js';
import { nullsProbe } from './probe-not-null.js';
import { from, names, textOf, unevaluable, type Node, type ProbeSite, type RowProbe } from './row-probe.js';

interface UniqueKey {
  /** The key's columns and expressions as SQL, with the collation they compare in. */
  parts: string[];
  nullsNotDistinct: boolean;
  /** A partial index's predicate: only the rows it holds must be unique. */
  where?: string;
  /** Whether the index covers the table alone: every table but a partitioned one. */
  only: boolean;
  what: string;
}

/**
 * A unique index (a UNIQUE or PRIMARY KEY constraint's own included) fails to be built on two rows
 * with the same key. A key with a NULL in it collides with none unless NULLS NOT DISTINCT.
 */
function duplicatesProbe(site: ProbeSite, key: UniqueKey): RowProbe {
  const { table } = site;
  const parts = key.parts.map((p) => `(${p})`);
  const conditions = [...(key.where ? [`(${key.where})`] : []), ...(key.nullsNotDistinct ? [] : parts.map((p) => `${p} IS NOT NULL`))];
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const grouped = `FROM ${from(table, key.only)}${where} GROUP BY ${parts.join(', ')} HAVING pg_catalog.count(*) > 1`;
  return {
    statement: site.statement,
    sql: `SELECT EXISTS (SELECT 1 ${grouped}) AS fails`,
    scans: [table],
    failure: `${key.what}, and rows of ${table} share a key (${key.parts.join(', ')})`,
    fix: [`SELECT ${parts.join(', ')}, pg_catalog.count(*) ${grouped};  -- the duplicates: update or delete them above this statement`],
  };
}

/** ADD CONSTRAINT … UNIQUE or PRIMARY KEY: no two rows with the same key; a primary key's columns hold no NULL either. */
export async function keyProbes(site: ProbeSite, constraint: Node, name: string): Promise<RowProbe[] | string> {
  const primary = constraint.contype === 'CONSTR_PRIMARY';
  const what = `adds ${primary ? 'primary key' : 'unique constraint'} ${quoteIdent(name)} to ${site.table}`;
  const columns = names(constraint.keys);
  const relation = await site.production.relation(site.table);
  if (!relation) return `production has no table ${site.table}`;
  const unreadable = site.plan.unreadable(site.table, columns);
  if (unreadable) return unreadable;
  const probes = primary ? [nullsProbe(site, columns, what)] : [];
  const key = { parts: columns.map(quoteIdent), nullsNotDistinct: Boolean(constraint.nulls_not_distinct), only: !relation.partitioned, what };
  return [...probes, duplicatesProbe(site, key)];
}

/** CREATE UNIQUE INDEX, plain or CONCURRENTLY, on columns or expressions, partial or whole. */
export async function uniqueIndexProbe(site: ProbeSite, index: Node): Promise<RowProbe | string | undefined> {
  const relation = await site.production.relation(site.table);
  if (!relation) return `production has no table ${site.table}`;
  // ON ONLY a partitioned table builds an invalid index on it alone, which reads no row.
  if (relation.partitioned && !site.inherit) return undefined;
  const elements = (index.indexParams as { IndexElem: Node }[]).map((p) => p.IndexElem);
  const written = textOf(site.statement).listAfter(Number((index.relation as Node).location));
  const where = index.whereClause ? textOf(site.statement).clauseAfter(Number((index.relation as Node).location), 'WHERE') : undefined;
  if (!written || written.length !== elements.length || (index.whereClause && where === undefined)) return 'its key could not be read';
  const refused =
    site.plan.unreadable(site.table, elements.flatMap((e) => (e.name === undefined ? [] : [String(e.name)]))) ??
    (await unevaluable(site, [elements, index.whereClause ?? null]));
  if (refused) return refused;
  const parts = elements.map((e, i) => {
    const part = e.name === undefined ? written[i]! : quoteIdent(String(e.name));
    return e.collation ? `${part} COLLATE ${qualify(...names(e.collation))}` : part;
  });
  const what = `builds unique index ${index.idxname ? `${quoteIdent(String(index.idxname))} ` : ''}on ${site.table}`;
  return duplicatesProbe(site, { parts, nullsNotDistinct: Boolean(index.nulls_not_distinct), where, only: !relation.partitioned, what });
}
