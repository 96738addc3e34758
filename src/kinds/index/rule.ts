import type { Catalog, Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { RuleContext } from '../../diff/rule.js';
import { busyTable } from '../table/busy-table.js';
import { partitionOf } from '../table/query.js';
import { isIndex, type IndexFact } from './query.js';

export const indexName = (fact: IndexFact) => qualify(fact.name[0], fact.name[1]);

/** An index's definition from its access method on: what stays when it moves to another table. */
export const indexShape = (fact: Fact) => {
  const definition = String(fact.payload.definition);
  return `${fact.payload.unique ? 'unique ' : ''}${definition.slice(definition.indexOf(' USING '))}`;
};

/** The partitions of `table` in `catalog`. */
const partitionsOf = (catalog: Catalog, table: string) =>
  [...catalog.values()].filter((f) => partitionOf(f) === table);

/** The partitions that have an index attached to `index`, a partitioned table's index. */
const attachedOn = (index: IndexFact) => index.info.attachedOn ?? [];

/** The partitions' own key constraints whose index is attached to `index`. */
const attachedKeys = (index: IndexFact) => index.info.attachedKeys ?? [];

/**
 * Of the partitions of the index's table in `side`, one index each of the index's shape that the
 * other side does not have as an index of its own, where `fact` (of the other side) has an index of
 * that partition attached: PostgreSQL holds it attached to `fact` there.
 */
function attachedThere(fact: IndexFact, side: Catalog, other: Catalog, ctx: RuleContext): string[] {
  if (!fact.parent || ctx.target.get(fact.parent)?.payload.partitioned !== true) return [];
  const shape = indexShape(fact);
  return partitionsOf(ctx.target, fact.parent)
    .filter((partition) => partitionOf(ctx.source.get(partition.id)) === fact.parent)
    .filter((partition) => attachedOn(fact).includes(partition.id))
    .flatMap((partition) => {
      const local = ctx.children(side, partition.id).find((f) => f.kind === 'index' && !other.has(f.id) && indexShape(f) === shape);
      return local ? [local.id] : [];
    });
}

/**
 * A table the same migration creates is empty, so building its index blocks nobody; neither does
 * building it CONCURRENTLY.
 */
function buildHazards(fact: IndexFact, ctx: RuleContext): Hazard[] {
  if (!fact.parent || !ctx.source.has(fact.parent) || busyTable(fact.parent, ctx)) return [];
  return [{ kind: 'blocking-index', message: `builds index ${indexName(fact)} while writes to its table wait` }];
}

/**
 * The index on the partitioned parent that a partition's standalone index, gone from the target,
 * belongs to: one of its shape on both sides with no index of this partition attached yet (an
 * index made with ON ONLY, left invalid until every partition has one) and one in the target. Attaching it completes
 * the parent's index, where dropping it would leave that invalid and the partition without one.
 */
function attachableTo(fact: IndexFact, ctx: RuleContext): IndexFact | undefined {
  const partition = fact.parent ? ctx.source.get(fact.parent) : undefined;
  const parent = partitionOf(partition);
  if (!partition || !parent || partitionOf(ctx.target.get(partition.id)) !== parent) return undefined;
  const shape = indexShape(fact);
  return ctx.children(ctx.source, parent).find((index): index is IndexFact => {
    const wanted = ctx.target.get(index.id);
    return isIndex(index) && indexShape(index) === shape && wanted !== undefined && isIndex(wanted) && indexShape(wanted) === shape &&
      !attachedOn(index).includes(partition.id) && attachedOn(wanted).includes(partition.id);
  });
}

/**
 * The definition reads `ONLY parent` for a partitioned table's index, as pg_get_indexdef writes
 * it; created without ONLY, the index cascades to every partition and is valid at once. On a
 * partition that already has a standalone index of its shape it attaches that one instead of
 * building another: the plan keeps it for that (it takes it over), where the target has it attached.
 * With `--online`, an index on a table that holds rows is built CONCURRENTLY, outside the transaction.
 */
export function createIndex(fact: IndexFact, ctx: RuleContext) {
  const definition = fact.payload.definition.replace(/^ONLY /, '');
  const unique = fact.payload.unique ? 'UNIQUE ' : '';
  const concurrently = busyTable(fact.parent, ctx);
  return [
    action('index', {
      sql: `CREATE ${unique}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(fact.name[1])} ON ${definition};`,
      creates: [fact.id],
      destroys: attachedThere(fact, ctx.source, ctx.target, ctx),
      hazards: buildHazards(fact, ctx),
      transactional: !concurrently,
    }),
  ];
}

/**
 * A partition's standalone index the target has attached to its parent's index is attached, not
 * dropped.
 */
export function dropIndex(fact: IndexFact, ctx: RuleContext): Action[] {
  const parentIndex = attachableTo(fact, ctx);
  if (parentIndex) {
    return [action('index', { sql: `ALTER INDEX ${indexName(parentIndex)} ATTACH PARTITION ${indexName(fact)};`, needs: [parentIndex.id] })];
  }
  // Dropping a partitioned table's index drops the indexes attached to it: a standalone one the
  // target has in their place, under the same name, is created after it. A partition's key
  // attached to it goes only with it, through CASCADE, which reaches no further: whatever
  // depends on the key is dropped before (the planner takes it along, and makes it again where
  // the target keeps it).
  const keys = attachedKeys(fact).flatMap((id) => ctx.source.get(id) ?? []);
  // Only a partitioned table's index has keys attached, and CONCURRENTLY never reaches one.
  if (busyTable(fact.parent, ctx)) {
    return [action('index', { sql: `DROP INDEX CONCURRENTLY ${indexName(fact)};`, transactional: false })];
  }
  return [
    action('index', {
      sql: `DROP INDEX ${indexName(fact)}${keys.length ? ' CASCADE' : ''};`,
      destroys: [...attachedThere(fact, ctx.target, ctx.source, ctx), ...keys.map((key) => key.id)],
      hazards: [
        { kind: 'blocking-index', message: `drops index ${indexName(fact)} while its table is locked` },
        ...keys.flatMap((key) => ctx.ruleFor(key.kind).drop(key, ctx).flatMap((a) => a.hazards)),
      ],
    }),
  ];
}
