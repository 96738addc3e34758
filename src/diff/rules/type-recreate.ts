import { createHash } from 'node:crypto';
import type { Fact } from '../../catalog/fact.js';
import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../action.js';
import type { RuleContext } from '../rule.js';

/** A name for the old type that cannot clash with a user's, within the 63-byte identifier limit. */
export function asideName(type: Fact): string {
  const suffix = `__old_${createHash('sha256').update(canonicalJson(type.payload)).digest('hex').slice(0, 8)}`;
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
 * Makes a user-defined type (enum, domain, composite, range) anew where PostgreSQL cannot change
 * it in place, keeping the rows that use it: the old type steps aside under another name, the new
 * one takes its name, every column moves over through text (its default is dropped and set again
 * around the move, since a default cannot change type), and the old type is dropped. The type's
 * comments and other children went with the old type and are written again, unless `create`
 * already writes them. `hazards` say what the change may cost the rows.
 */
export function recreateType(from: Fact, to: Fact, create: Action[], ctx: RuleContext, hazards: Hazard[]): Action[] {
  const name = qualify(to.name[0]!, to.name[1]!);
  const aside = asideName(from);
  const step = (sql: string, more: Hazard[] = []): Action => action(to.kind, { sql, alters: [to.id], hazards: more });

  const out: Action[] = [step(`ALTER TYPE ${name} RENAME TO ${quoteIdent(aside)};`, hazards), ...create];
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
  out.push(step(`DROP TYPE ${qualify(to.name[0]!, aside)};`));
  const written = new Set(create.flatMap((a) => a.creates));
  for (const child of ctx.children(ctx.target, to.id)) {
    if (!written.has(child.id)) out.push(...ctx.ruleFor(child.kind).create(child, ctx));
  }
  return out;
}
