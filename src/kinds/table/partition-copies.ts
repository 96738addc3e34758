import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { isChanged } from '../../diff/delta.js';
import { action, type Action } from '../../diff/action.js';
import type { RuleContext } from '../../diff/rule.js';
import { indexShape } from '../index/rule.js';
import { isIndex } from '../index/query.js';
import { isColumn } from '../column/query.js';
import { isConstraint } from '../constraint/query.js';
import type { TableFact } from './query.js';

/**
 * A partition holds a copy of each of its parent's indexes and constraints, which PostgreSQL makes
 * and keeps itself and the catalog files under the parent's (`copies`). DETACH leaves them to the
 * table as its own; ATTACH adopts the table's own that match, builds the missing indexes and keys,
 * and refuses a table without the parent's checks and NOT NULL columns.
 */

type Ids = (id: string) => boolean;

/** The parent's table and columns as the partition's own: what a copy reads of the table it is on. */
function onPartition(parent: string, partition: TableFact, ctx: RuleContext): (id: string) => string {
  const [schema, table] = partition.name;
  return (id) => {
    if (id === parent) return partition.id;
    const column = ctx.source.get(id);
    return column && isColumn(column) && column.parent === parent ? factId('column', schema, table, column.name[2]) : id;
  };
}

/** What the partition `partition` (of `parent`, in the source) keeps as its own once detached, each with the parent's object it copies. */
function copiesOn(partition: TableFact, parent: string, ctx: RuleContext): { copy: Fact; of: string }[] {
  const [schema, table] = partition.name;
  const own = onPartition(parent, partition, ctx);
  return ctx.children(ctx.source, parent).flatMap((fact): { copy: Fact; of: string }[] => {
    if (isIndex(fact)) {
      const copy = fact.info.copies?.[partition.id];
      if (copy === undefined) return [];
      // An index's keys attached to it are the partitions' (it depends on them to be made after them).
      const keys = fact.info.attachedKeys ?? [];
      const deps = fact.deps.filter((id) => !keys.includes(id)).map(own);
      const { name, definition } = copy;
      return [{ of: fact.id, copy: { id: factId('index', schema, name), kind: 'index', name: [schema, name], parent: partition.id, payload: { ...fact.payload, definition }, info: {}, deps } }];
    }
    if (!isConstraint(fact)) return [];
    const name = fact.info.copies?.[partition.id];
    if (name === undefined) return [];
    return [{ of: fact.id, copy: { id: factId('constraint', schema, table, name), kind: 'constraint', name: [schema, table, name], parent: partition.id, payload: fact.payload, info: { type: fact.info.type }, deps: fact.deps.map(own) } }];
  });
}

/**
 * Whether the object stays exactly as it is, with everything it rests on: a copy kept across
 * DETACH or ATTACH must not rest on anything the migration drops, which could not go while it stays.
 */
function unchanged(ctx: RuleContext): Ids {
  const known = new Map<string, boolean>();
  const check = (id: string): boolean => {
    const seen = known.get(id);
    if (seen !== undefined) return seen;
    known.set(id, true);
    const [from, to] = [ctx.source.get(id), ctx.target.get(id)];
    const result = from !== undefined && to !== undefined && !isChanged(from, to) && from.deps.every(check);
    known.set(id, result);
    return result;
  };
  return check;
}

/** Whether `fact` rests only on `table`, what lives on it and what stays unchanged. */
function restsOnKept(fact: Fact, table: string, ctx: RuleContext, kept: Ids): boolean {
  return fact.deps.every((id) => id === table || (ctx.source.get(id) ?? ctx.target.get(id))?.parent === table || kept(id));
}

const samePayload = (a: Fact, b: Fact) => !isChanged(a, b);

/** A copy's drop, which the drop of the parent's object, when that goes first, has already done. */
function dropCopy(copy: Fact, ctx: RuleContext): Action {
  const sql = copy.kind === 'index'
    ? `DROP INDEX IF EXISTS ${qualify(copy.name[0]!, copy.name[1]!)};`
    : `ALTER TABLE ${qualify(copy.name[0]!, copy.name[1]!)} DROP CONSTRAINT IF EXISTS ${quoteIdent(copy.name[2]!)};`;
  // It goes before what it rests on, but for its table and the partitions of a table it
  // references: the key reaches those through that table, and they may be detached after it.
  const rest = copy.deps.filter((id) => {
    const fact = ctx.source.get(id) ?? ctx.target.get(id);
    return id !== copy.parent && fact?.parent !== copy.parent && !(fact?.kind === 'table' && fact.payload.partition);
  });
  const hazards = ctx.ruleFor(copy.kind).drop(copy, ctx).flatMap((a) => a.hazards);
  return action(copy.kind, { sql, destroys: [copy.id], releases: rest, hazards });
}

/**
 * What DETACH leaves on the table, made what the target wants. A copy the table then attaches
 * with (to another parent, or under another bound) is left for that ATTACH to adopt (`leftover`);
 * one the target has as it is stays (DETACH makes it: `kept`); one it has under another name is
 * renamed; the rest are dropped after the DETACH and before whatever they rest on goes. A copy
 * kept or renamed exists only where DETACH comes before its parent's object goes (`parentFacts`).
 */
export function afterDetach(
  partition: TableFact,
  parent: string,
  wanted: TableFact,
  ctx: RuleContext,
): { kept: string[]; steps: Action[]; leftover: Fact[]; parentFacts: string[] } {
  const kept: string[] = [];
  const steps: Action[] = [];
  const parentFacts: string[] = [];
  const claimed = new Set<string>();
  const stays = unchanged(ctx);
  const copies = copiesOn(partition, parent, ctx);
  const attachesTo = wanted.payload.partition?.of;
  const keepable = copies.filter(({ copy }) => restsOnKept(copy, partition.id, ctx, stays)).map(({ copy }) => copy);
  const leftover = attachesTo ? [...adoptable(keepable, ctx.children(ctx.target, attachesTo)).values()] : [];
  const fits = (copy: Fact, fact: Fact) => keepable.includes(copy) && fact.kind === copy.kind && fact.parent === partition.id && samePayload(copy, fact);
  // A name another copy has already is that copy's to keep, not one to rename to.
  const copyIds = new Set(copies.map(({ copy }) => copy.id));
  for (const { copy, of } of copies.filter((c) => !leftover.includes(c.copy))) {
    const same = ctx.target.get(copy.id);
    const rule = ctx.ruleFor(copy.kind);
    const renamed = ctx.children(ctx.target, partition.id)
      .find((f) => !ctx.source.has(f.id) && !copyIds.has(f.id) && !claimed.has(f.id) && fits(copy, f));
    if (same && fits(copy, same)) {
      kept.push(copy.id);
    } else if (renamed && rule.rename) {
      claimed.add(renamed.id);
      steps.push(action(copy.kind, { sql: rule.rename(copy, renamed.name.at(-1)!), creates: [renamed.id], destroys: [copy.id] }));
    } else {
      steps.push(dropCopy(copy, ctx));
      continue;
    }
    parentFacts.push(of);
  }
  return { kept, steps, leftover, parentFacts };
}

/** Of `own`, the fact ATTACH adopts for each of the parent's `facts` that it adopts one for, by the parent's fact's id. */
function adoptable(own: Fact[], facts: Fact[]): Map<string, Fact> {
  const adopted = new Map<string, Fact>();
  for (const fact of facts) {
    const match = own.find((f) => ![...adopted.values()].includes(f) && adopts(fact, f));
    if (match) adopted.set(fact.id, match);
  }
  return adopted;
}

/** Whether ATTACH adopts `own`, an index or constraint of the table, as its copy of the parent's `fact`. */
function adopts(fact: Fact, own: Fact): boolean {
  if (isIndex(fact)) return isIndex(own) && indexShape(own) === indexShape(fact);
  // A check is matched by name; keys and foreign keys by what they are.
  return isConstraint(fact) && isConstraint(own) && own.info.type === fact.info.type && samePayload(own, fact) &&
    (fact.info.type !== 'c' || own.name[2] === fact.name[2]);
}

/**
 * What ATTACH does with the table's own indexes and constraints (and copies a DETACH just left,
 * `leftover`), and what it needs first: those that match one of the parent's are adopted as its
 * copies (`adopted`, which the plan then need not drop), as long as nothing they rest on goes, by
 * ATTACH or by the parent's own statement if that comes after; and ATTACH refuses a table without
 * the parent's checks, which `steps` add first.
 */
export function beforeAttach(table: TableFact, parent: string, leftover: Fact[], ctx: RuleContext): { adopted: string[]; steps: Action[] } {
  const stays = unchanged(ctx);
  const own = [...ctx.children(ctx.source, table.id).filter((f) => !ctx.target.has(f.id) && restsOnKept(f, table.id, ctx, stays)), ...leftover];
  const parentFacts = ctx.children(ctx.target, parent).filter((f) => f.kind === 'index' || f.kind === 'constraint');
  const adopted = adoptable(own, parentFacts);
  const [schema, name] = table.name;
  const steps = parentFacts
    .filter((fact) => isConstraint(fact) && fact.info.type === 'c' && !adopted.has(fact.id))
    .flatMap((fact) => {
      const check = { ...fact, id: factId('constraint', schema, name, fact.name[2]!), name: [schema, name, fact.name[2]!], parent: table.id };
      return ctx.ruleFor('constraint').create(check, ctx).map((a) => ({ ...a, needs: [...a.needs, ...fact.deps] }));
    });
  return { adopted: [...adopted.values()].map((f) => f.id), steps };
}
