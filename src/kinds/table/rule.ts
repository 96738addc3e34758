import type { Catalog, Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult, RuleContext } from '../../diff/rule.js';
import { isColumn, type ColumnFact } from '../column/query.js';
import { columnDefinition } from '../column/column-definition.js';
import { indexShape } from '../index/rule.js';
import { afterDetach, beforeAttach } from './partition-copies.js';
import { isTable, type TableFact, type TablePayload } from './query.js';

export const tableName = (fact: TableFact) => qualify(fact.name[0], fact.name[1]);

/**
 * ATTACH PARTITION adopts a local index of the table that matches an index of the new parent, where
 * the target keeps that index standalone (beside the parent's own index): it has to be out of the
 * way while the table attaches, so the parent's index gets a partition of its own, and back after.
 */
function adoptedByAttach(ctx: RuleContext, parent: string): (dependent: Fact) => boolean {
  const parentShapes = new Set(ctx.children(ctx.target, parent).filter((f) => f.kind === 'index').map(indexShape));
  return (dependent) => dependent.kind === 'index' && parentShapes.has(indexShape(dependent));
}

/** `table:public.users` → `public.users`, from the fact in either catalog. */
function nameOf(id: string, ctx: RuleContext): string {
  const fact = ctx.target.get(id) ?? ctx.source.get(id);
  if (!fact || !isTable(fact)) throw new Error(`unknown table ${id}`);
  return tableName(fact);
}

export function createTable(fact: TableFact, ctx: RuleContext): Action[] {
  const p = fact.payload;
  const partition = p.partition;
  const columns = ctx
    .children(ctx.target, fact.id)
    .filter(isColumn)
    .sort((a, b) => a.info.position - b.info.position);
  const unlogged = p.unlogged ? 'UNLOGGED ' : '';
  const body = columns.map((c) => `  ${columnDefinition(c)}`).join(',\n');
  let sql = `CREATE ${unlogged}TABLE ${tableName(fact)}`;
  if (partition) {
    sql += ` PARTITION OF ${nameOf(partition.of, ctx)}${columns.length ? ` (\n${body}\n)` : ''} ${partition.bound}`;
  } else {
    sql += ` (\n${body}\n)`;
    if (p.inherits.length) sql += ` INHERITS (${p.inherits.map((id) => nameOf(id, ctx)).join(', ')})`;
  }
  if (p.partitionKey) sql += ` PARTITION BY ${p.partitionKey}`;
  return [action('table', { sql: `${sql};`, creates: [fact.id, ...columns.map((c) => c.id)] })];
}

/**
 * A statement that gives column `own` of `table` the default `model` has. Partition columns are no
 * facts of their own, yet keep their own defaults through ATTACH and DETACH: a detached partition
 * still calls its old parent's serial sequence, an attached table its own, and either blocks
 * dropping that sequence until the default lets go of it.
 */
function matchDefault(table: string, own: ColumnFact, model: ColumnFact): Action[] {
  if (own.payload.default === model.payload.default) return [];
  const clause = model.payload.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${model.payload.default}`;
  return [action('column', {
    sql: `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(own.name[2])} ${clause};`,
    needs: model.deps,
    releases: own.deps,
  })];
}

/** The statements that make column `own` NOT NULL as `model` is or is not, which ATTACH requires of a partition. */
function matchNotNull(own: ColumnFact, model: ColumnFact, ctx: RuleContext): Action[] {
  if (own.payload.notNull === model.payload.notNull) return [];
  const steps = ctx.ruleFor('column').alter({ from: own, to: { ...own, payload: { ...own.payload, notNull: model.payload.notNull } }, keys: ['notNull'] }, ctx);
  return Array.isArray(steps) ? steps : [];
}

/** Pairs each column of `a` with the column of the same name of `b`. */
function columnPairs(ctx: RuleContext, a: { catalog: Catalog; id: string }, b: { catalog: Catalog; id: string }): [ColumnFact, ColumnFact][] {
  const byName = new Map(ctx.children(b.catalog, b.id).filter(isColumn).map((c) => [c.name[2], c]));
  return ctx.children(a.catalog, a.id).filter(isColumn).flatMap((c): [ColumnFact, ColumnFact][] => {
    const other = byName.get(c.name[2]);
    return other ? [[c, other]] : [];
  });
}

type TableChange = Change<TablePayload, TableFact['name']>;

/** An ALTER TABLE of `to` that waits for its columns: attaching a parent checks the child's columns, so the child's new columns come first. */
function alterTable(to: TableFact, ctx: RuleContext, sql: string, hazards: Action['hazards'] = []): Action {
  const columns = ctx.children(ctx.target, to.id).map((c) => c.id);
  return action('table', { sql, alters: [to.id], needs: columns, hazards });
}

export function dropTable(fact: TableFact, ctx: RuleContext): Action[] {
  const partition = fact.payload.partition;
  const drop = action('table', {
    sql: `DROP TABLE ${tableName(fact)};`,
    hazards: [{ kind: 'data-loss', message: `drops table ${tableName(fact)} and all its rows` }],
  });
  // A foreign key to the partitioned parent keeps a trigger on every partition, which blocks
  // DROP TABLE; detaching first lets the key go through the parent.
  if (!partition || !ctx.target.has(partition.of)) return [drop];
  return [action('table', { sql: `ALTER TABLE ${nameOf(partition.of, ctx)} DETACH PARTITION ${tableName(fact)};` }), drop];
}

export function setLogged({ to }: TableChange, ctx: RuleContext): Action[] {
  const name = tableName(to);
  return [alterTable(to, ctx, `ALTER TABLE ${name} SET ${to.payload.unlogged ? 'UNLOGGED' : 'LOGGED'};`, [
    { kind: 'table-rewrite', message: `rewrites ${name} to change its persistence` },
  ])];
}

export function changeInherits({ from, to }: TableChange, ctx: RuleContext): Action[] {
  const name = tableName(to);
  const before = from.payload.inherits;
  const after = to.payload.inherits;
  return [
    ...before.filter((x) => !after.includes(x)).map((id) => alterTable(to, ctx, `ALTER TABLE ${name} NO INHERIT ${nameOf(id, ctx)};`)),
    ...after.filter((x) => !before.includes(x)).map((id) => alterTable(to, ctx, `ALTER TABLE ${name} INHERIT ${nameOf(id, ctx)};`)),
  ];
}

/**
 * DETACH from the old parent and ATTACH to the new one, with what each does to the partition's
 * copies of the parent's indexes and constraints, defaults and NOT NULL.
 */
export function movePartition({ from, to }: TableChange, ctx: RuleContext): AlterResult {
  const name = tableName(to);
  const out: Action[] = [];
  const columns = ctx.children(ctx.target, to.id).map((c) => c.id);
  const before = from.payload.partition;
  const after = to.payload.partition;
  // A partition's columns are its parent's: detaching makes them the table's own again, and
  // attaching hands the table's own over to the parent.
  const ownColumns = (catalog: typeof ctx.source, id: string) =>
    ctx.children(catalog, id).filter(isColumn).map((c) => c.id);
  let leftover: Fact[] = [];
  if (before) {
    const detached = afterDetach(from, before.of, to, ctx);
    leftover = detached.leftover;
    out.push(action('table', {
      sql: `ALTER TABLE ${nameOf(before.of, ctx)} DETACH PARTITION ${name};`,
      alters: [to.id],
      creates: [...(after ? [] : ownColumns(ctx.target, to.id)), ...detached.kept],
      releases: detached.parentFacts,
    }), ...detached.steps);
    if (!after) {
      for (const [own, parentColumn] of columnPairs(ctx, { catalog: ctx.target, id: to.id }, { catalog: ctx.source, id: before.of })) {
        out.push(...matchDefault(name, { ...own, payload: parentColumn.payload, deps: parentColumn.deps }, own));
        out.push(...matchNotNull({ ...own, payload: parentColumn.payload }, own, ctx));
      }
    }
  }
  if (after) {
    const attached = beforeAttach(from, after.of, leftover, ctx);
    if (!before) {
      for (const [own, parentColumn] of columnPairs(ctx, { catalog: ctx.source, id: from.id }, { catalog: ctx.target, id: after.of })) {
        if (parentColumn.payload.notNull) out.push(...matchNotNull(own, parentColumn, ctx));
      }
    }
    out.push(...attached.steps, action('table', {
      sql: `ALTER TABLE ${nameOf(after.of, ctx)} ATTACH PARTITION ${name} ${after.bound};`,
      alters: [to.id],
      // Not the table's indexes: the parent's come along, and one it would adopt waits (above).
      needs: columns.filter((id) => ctx.target.get(id)?.kind !== 'index'),
      destroys: [...(before ? [] : ownColumns(ctx.source, from.id)), ...attached.adopted],
      hazards: [{ kind: 'full-scan-under-lock', message: `scans ${name} to check it fits the partition bound` }],
    }));
    if (!before) {
      for (const [own, parentColumn] of columnPairs(ctx, { catalog: ctx.source, id: from.id }, { catalog: ctx.target, id: after.of })) {
        out.push(...matchDefault(name, own, parentColumn));
      }
    }
    return { actions: out, rebuild: adoptedByAttach(ctx, after.of) };
  }
  return out;
}
