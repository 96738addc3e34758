import { createHash } from 'node:crypto';
import type { Fact } from '../../catalog/fact.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../action.js';
import type { RuleContext } from '../rule.js';

/** A name for the old type that cannot clash with a user's, within the 63-byte identifier limit. */
function asideName(type: Fact): string {
  const suffix = `__old_${createHash('sha256').update(JSON.stringify(type.payload.values)).digest('hex').slice(0, 8)}`;
  let base = type.name[1]!;
  while (Buffer.byteLength(base + suffix) > 63) base = base.slice(0, -1);
  return base + suffix;
}

/** Columns that hold the type before and after: they move to the new type with their rows. */
function columnsOfType(typeId: string, ctx: RuleContext): Fact[] {
  return [...ctx.target.values()].filter(
    (fact) => fact.kind === 'column' && fact.deps.includes(typeId) && ctx.source.get(fact.id)?.deps.includes(typeId),
  );
}

/**
 * PostgreSQL cannot drop or reorder enum values, so the old type steps aside under another name,
 * the new one takes its name, every column moves over through text (its default is dropped and
 * set again around the move, since a default cannot change type), and the old type is dropped.
 * The type's comments and other children went with the old type and are written again.
 */
export function recreateEnum(from: Fact, to: Fact, create: Action[], ctx: RuleContext): Action[] {
  const name = qualify(to.name[0]!, to.name[1]!);
  const aside = qualify(to.name[0]!, asideName(from));
  const before = from.payload.values as string[];
  const after = to.payload.values as string[];
  const removed = before.filter((value) => !after.includes(value));
  const hazards: Hazard[] = removed.length
    ? [
        { kind: 'data-loss', message: `removes value(s) ${removed.join(', ')} from type ${name}` },
        { kind: 'data-dependent', message: `fails if a row holds ${removed.join(', ')} of type ${name}` },
      ]
    : [];
  const step = (sql: string, more: Hazard[] = []): Action => action('enum', { sql, alters: [to.id], hazards: more });

  const out: Action[] = [step(`ALTER TYPE ${name} RENAME TO ${quoteIdent(asideName(from))};`, hazards), ...create];
  for (const column of columnsOfType(to.id, ctx)) {
    const table = qualify(column.name[0]!, column.name[1]!);
    const col = quoteIdent(column.name[2]!);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${col}`;
    const type = String(column.payload.type);
    const dims = type.match(/(\[\])*$/)![0];
    if (ctx.source.get(column.id)!.payload.default !== null) out.push(step(`${alter} DROP DEFAULT;`));
    out.push(
      step(`${alter} TYPE ${type} USING ${col}::text${dims}::${type};`, [
        { kind: 'table-rewrite', message: `rewrites ${table} to move ${col} to the new ${name}` },
      ]),
    );
    if (column.payload.default !== null) out.push(step(`${alter} SET DEFAULT ${column.payload.default};`));
  }
  out.push(step(`DROP TYPE ${aside};`));
  for (const child of ctx.children(ctx.target, to.id)) out.push(...ctx.ruleFor(child.kind).create(child, ctx));
  return out;
}
