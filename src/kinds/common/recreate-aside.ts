import { createHash } from 'node:crypto';
import type { Fact } from '../../catalog/fact.js';
import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { RuleContext } from '../../diff/rule.js';
import { isColumn, type ColumnFact } from '../column/query.js';

/** A name for the old object that cannot clash with a user's, within the 63-byte identifier limit. */
export function asideName(fact: Fact): string {
  const suffix = `__old_${createHash('sha256').update(canonicalJson(fact.payload)).digest('hex').slice(0, 8)}`;
  let base = fact.name[1]!;
  while (Buffer.byteLength(base + suffix) > 63) base = base.slice(0, -1);
  return base + suffix;
}

/** Columns that use the object before and after: they move to the new one with their rows. */
export function columnsUsing(id: string, ctx: RuleContext): ColumnFact[] {
  return [...ctx.target.values()].filter(isColumn).filter(
    (fact) => fact.deps.includes(id) && ctx.source.get(fact.id)?.deps.includes(id),
  );
}

type Step = (sql: string, hazards?: Hazard[]) => Action;

const alterColumn = (column: ColumnFact) => `ALTER TABLE ${qualify(column.name[0], column.name[1])} ALTER COLUMN ${quoteIdent(column.name[2])}`;

/**
 * A default cannot change type: the old one is dropped before the move. It lets go of what it
 * used (a function made anew around the type drops only after it) and changes nothing else, so it
 * goes before the type steps aside.
 */
function releaseDefault(column: ColumnFact, ctx: RuleContext): Action[] {
  const old = ctx.source.get(column.id)!;
  if (old.payload.default === null) return [];
  return [action(column.kind, { sql: `${alterColumn(column)} DROP DEFAULT;`, releases: old.deps })];
}

/** The wanted default, set once the column has its type and whatever the default calls is back. */
function restoreDefault(column: ColumnFact): Action[] {
  if (column.payload.default === null) return [];
  return [action(column.kind, { sql: `${alterColumn(column)} SET DEFAULT ${column.payload.default};`, needs: column.deps })];
}

/** Moves a column through its text form to `into` (its own type, unless parked as text). */
function moveColumn(column: ColumnFact, into: 'own' | 'text', step: Step): Action {
  const table = qualify(column.name[0], column.name[1]);
  const col = quoteIdent(column.name[2]);
  const own = column.payload.type;
  const dims = own.match(/(\[\])*$/)![0];
  const type = into === 'own' ? own : `text${dims}`;
  const collate = into === 'own' && column.payload.collation ? ` COLLATE ${column.payload.collation}` : '';
  return step(`${alterColumn(column)} TYPE ${type}${collate} USING ${col}::text${dims}::${type};`, [
    { kind: 'table-rewrite', message: `rewrites ${table} to move ${col} to ${type}` },
  ]);
}

/** The object's comments and other children went with the old one: written again unless `create` did. */
function restoreChildren(to: Fact, create: Action[], ctx: RuleContext): Action[] {
  const written = new Set(create.flatMap((a) => a.creates));
  return ctx.children(ctx.target, to.id).filter((child) => !written.has(child.id)).flatMap((child) => ctx.ruleFor(child.kind).create(child, ctx));
}

const stepFor = (to: Fact): Step => (sql, hazards = []) => action(to.kind, { sql, alters: [to.id], hazards });

/** Domains and composite types built on the object before and after: they are made anew on the new one. */
function typesOver(id: string, ctx: RuleContext): Fact[] {
  return [...ctx.target.values()].filter(
    (fact) =>
      (fact.kind === 'domain' || fact.kind === 'composite') && fact.deps.includes(id) && ctx.source.get(fact.id)?.deps.includes(id),
  );
}

/**
 * Makes a type (enum, domain, composite) or collation anew where PostgreSQL cannot change it in
 * place, keeping the rows that use it: the old object steps aside under another name, the new one
 * takes its name, every column moves over through text (its default dropped first and set again
 * last), domains and composites built on it are made anew the same way, and the old object is dropped. `hazards` say what the change may cost
 * the rows, so they apply only where columns hold some.
 */
export function recreateAside(from: Fact, to: Fact, create: Action[], ctx: RuleContext, hazards: Hazard[]): Action[] {
  const aside = asideName(from);
  const ref = (fact: Fact) => ctx.ruleFor(fact.kind).objectRef(fact);
  const step = stepFor(to);
  const columns = columnsUsing(to.id, ctx);
  const over = typesOver(to.id, ctx);
  // The old object goes once the types built on it are new: a plain alter step would have to wait
  // for them, and they for every step of this group.
  const dropAside = action(to.kind, { sql: `DROP ${ref({ ...from, name: [from.name[0]!, aside] })};`, alters: [to.id], needs: over.map((f) => f.id) });
  return [
    ...columns.flatMap((column) => releaseDefault(column, ctx)),
    step(`ALTER ${ref(to)} RENAME TO ${quoteIdent(aside)};`, columns.length ? hazards : []),
    ...create,
    ...columns.map((column) => moveColumn(column, 'own', step)),
    ...over.flatMap((type) => recreateAside(ctx.source.get(type.id)!, type, ctx.ruleFor(type.kind).create(type, ctx), ctx, [])),
    dropAside,
    ...restoreChildren(to, create, ctx),
    ...columns.flatMap(restoreDefault),
  ];
}

/**
 * What PostgreSQL cannot carry across a type made anew aside: functions taking or returning it,
 * checks, indexes and views over a column of it, which would keep the old type or fail to be
 * rebuilt on the new one. They are dropped before and created again after (with their grants and
 * comments). The columns move by themselves, with their own comments and grants; the type's own
 * are written again with it, and domains and composites over it are made anew with it.
 */
export function dependentsAround(to: Fact, ctx: RuleContext): { rebuild: (dependent: Fact) => boolean; through: string[] } {
  const moved = new Set([...columnsUsing(to.id, ctx), ...typesOver(to.id, ctx)].map((f) => f.id));
  return {
    // A moved column's own comment, grants and storage stay with it.
    rebuild: (dependent) => dependent.parent !== to.id && !moved.has(dependent.id) && !moved.has(dependent.parent ?? ''),
    through: columnsUsing(to.id, ctx).map((f) => f.id),
  };
}

/**
 * Makes a type anew where its old self cannot step aside (a range leaves its constructor functions
 * behind under the old name): its columns are parked as text while the type is dropped and
 * created again, then moved back.
 */
export function recreateParked(from: Fact, to: Fact, create: Action[], ctx: RuleContext, hazards: Hazard[]): Action[] {
  const step = stepFor(to);
  const columns = columnsUsing(to.id, ctx);
  return [
    ...columns.flatMap((column) => [...releaseDefault(column, ctx), moveColumn(column, 'text', step)]),
    step(`DROP ${ctx.ruleFor(from.kind).objectRef(from)};`, columns.length ? hazards : []),
    ...create,
    ...columns.map((column) => moveColumn(column, 'own', step)),
    ...restoreChildren(to, create, ctx),
    ...columns.flatMap(restoreDefault),
  ];
}
