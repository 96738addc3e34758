import { createHash } from 'node:crypto';
import { canonicalJson } from '../../catalog/fingerprint.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
/** A name for the old object that cannot clash with a user's, within the 63-byte identifier limit. */
export function asideName(fact) {
    const suffix = `__old_${createHash('sha256').update(canonicalJson(fact.payload)).digest('hex').slice(0, 8)}`;
    let base = fact.name[1];
    while (Buffer.byteLength(base + suffix) > 63)
        base = base.slice(0, -1);
    return base + suffix;
}
/** Columns that use the object before and after: they move to the new one with their rows. */
export function columnsUsing(id, ctx) {
    return [...ctx.target.values()].filter((fact) => fact.kind === 'column' && fact.deps.includes(id) && ctx.source.get(fact.id)?.deps.includes(id));
}
/**
 * Moves a column through its text form to `into` (its own type, unless parked as text). A default
 * cannot change type: the old one is dropped before the move when `release`, the wanted one set
 * after it when `restore`.
 */
function moveColumn(column, into, edges, ctx, step) {
    const table = qualify(column.name[0], column.name[1]);
    const col = quoteIdent(column.name[2]);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${col}`;
    const own = String(column.payload.type);
    const dims = own.match(/(\[\])*$/)[0];
    const type = into === 'own' ? own : `text${dims}`;
    const collate = into === 'own' && column.payload.collation ? ` COLLATE ${column.payload.collation}` : '';
    const out = [];
    if (edges.release && ctx.source.get(column.id).payload.default !== null)
        out.push(step(`${alter} DROP DEFAULT;`));
    out.push(step(`${alter} TYPE ${type}${collate} USING ${col}::text${dims}::${type};`, [
        { kind: 'table-rewrite', message: `rewrites ${table} to move ${col} to ${type}` },
    ]));
    if (edges.restore && column.payload.default !== null)
        out.push(step(`${alter} SET DEFAULT ${column.payload.default};`));
    return out;
}
/** The object's comments and other children went with the old one: written again unless `create` did. */
function restoreChildren(to, create, ctx) {
    const written = new Set(create.flatMap((a) => a.creates));
    return ctx.children(ctx.target, to.id).filter((child) => !written.has(child.id)).flatMap((child) => ctx.ruleFor(child.kind).create(child, ctx));
}
const stepFor = (to) => (sql, hazards = []) => action(to.kind, { sql, alters: [to.id], hazards });
/** Domains and composite types built on the object before and after: they are made anew on the new one. */
function typesOver(id, ctx) {
    return [...ctx.target.values()].filter((fact) => (fact.kind === 'domain' || fact.kind === 'composite') && fact.deps.includes(id) && ctx.source.get(fact.id)?.deps.includes(id));
}
/**
 * Makes a type (enum, domain, composite) or collation anew where PostgreSQL cannot change it in
 * place, keeping the rows that use it: the old object steps aside under another name, the new one
 * takes its name, every column moves over through text, domains and composites built on it are
 * made anew the same way, and the old object is dropped. `hazards` say what the change may cost
 * the rows, so they apply only where columns hold some.
 */
export function recreateAside(from, to, create, ctx, hazards) {
    const aside = asideName(from);
    const ref = (fact) => ctx.ruleFor(fact.kind).objectRef(fact);
    const step = stepFor(to);
    const columns = columnsUsing(to.id, ctx);
    const over = typesOver(to.id, ctx);
    // The old object goes once the types built on it are new: a plain alter step would have to wait
    // for them, and they for every step of this group.
    const dropAside = action(to.kind, { sql: `DROP ${ref({ ...from, name: [from.name[0], aside] })};`, alters: [to.id], needs: over.map((f) => f.id) });
    return [
        step(`ALTER ${ref(to)} RENAME TO ${quoteIdent(aside)};`, columns.length ? hazards : []),
        ...create,
        ...columns.flatMap((column) => moveColumn(column, 'own', { release: true, restore: true }, ctx, step)),
        ...over.flatMap((type) => recreateAside(ctx.source.get(type.id), type, ctx.ruleFor(type.kind).create(type, ctx), ctx, [])),
        dropAside,
        ...restoreChildren(to, create, ctx),
    ];
}
/**
 * Makes a type anew where its old self cannot step aside (a range leaves its constructor functions
 * behind under the old name): its columns are parked as text while the type is dropped and
 * created again, then moved back.
 */
export function recreateParked(from, to, create, ctx, hazards) {
    const step = stepFor(to);
    const columns = columnsUsing(to.id, ctx);
    return [
        ...columns.flatMap((column) => moveColumn(column, 'text', { release: true, restore: false }, ctx, step)),
        step(`DROP ${ctx.ruleFor(from.kind).objectRef(from)};`, columns.length ? hazards : []),
        ...create,
        ...columns.flatMap((column) => moveColumn(column, 'own', { release: false, restore: true }, ctx, step)),
        ...restoreChildren(to, create, ctx),
    ];
}
//# sourceMappingURL=recreate-aside.js.map