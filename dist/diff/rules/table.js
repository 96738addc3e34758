import { qualify, quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import { columnDefinition } from './column-definition.js';
const tableName = (fact) => qualify(fact.name[0], fact.name[1]);
/** `table:public.users` → `public.users`, from the fact in either catalog. */
function nameOf(id, ctx) {
    const fact = ctx.target.get(id) ?? ctx.source.get(id);
    if (!fact)
        throw new Error(`unknown table ${id}`);
    return tableName(fact);
}
function createTable(fact, ctx) {
    const p = fact.payload;
    const partition = p.partition;
    const columns = ctx
        .children(ctx.target, fact.id)
        .filter((c) => c.kind === 'column')
        .sort((a, b) => Number(a.info.position) - Number(b.info.position));
    const unlogged = p.unlogged ? 'UNLOGGED ' : '';
    const body = columns.map((c) => `  ${columnDefinition(c)}`).join(',\n');
    let sql = `CREATE ${unlogged}TABLE ${tableName(fact)}`;
    if (partition) {
        sql += ` PARTITION OF ${nameOf(partition.of, ctx)}${columns.length ? ` (\n${body}\n)` : ''} ${partition.bound}`;
    }
    else {
        sql += ` (\n${body}\n)`;
        const inherits = p.inherits;
        if (inherits.length)
            sql += ` INHERITS (${inherits.map((id) => nameOf(id, ctx)).join(', ')})`;
    }
    if (p.partitionKey)
        sql += ` PARTITION BY ${p.partitionKey}`;
    return [action('table', { sql: `${sql};`, creates: [fact.id, ...columns.map((c) => c.id)] })];
}
export const tableRule = {
    kind: 'table',
    objectRef: (fact) => `TABLE ${tableName(fact)}`,
    create: createTable,
    rename: (fact, to) => `ALTER TABLE ${tableName(fact)} RENAME TO ${quoteIdent(to)};`,
    drop: (fact, ctx) => {
        const partition = fact.payload.partition;
        const drop = action('table', {
            sql: `DROP TABLE ${tableName(fact)};`,
            hazards: [{ kind: 'data-loss', message: `drops table ${tableName(fact)} and all its rows` }],
        });
        // A foreign key to the partitioned parent keeps a trigger on every partition, which blocks
        // DROP TABLE; detaching first lets the key go through the parent.
        if (!partition || !ctx.target.has(partition.of))
            return [drop];
        return [action('table', { sql: `ALTER TABLE ${nameOf(partition.of, ctx)} DETACH PARTITION ${tableName(fact)};` }), drop];
    },
    alter: ({ from, to, keys }, ctx) => {
        if (keys.includes('partitioned') || keys.includes('partitionKey'))
            return 'replace';
        const name = tableName(to);
        const out = [];
        // Attaching a parent checks the child's columns, so the child's new columns come first.
        const columns = ctx.children(ctx.target, to.id).map((c) => c.id);
        const alter = (sql, hazards = []) => out.push(action('table', { sql, alters: [to.id], needs: columns, hazards }));
        if (keys.includes('unlogged')) {
            alter(`ALTER TABLE ${name} SET ${to.payload.unlogged ? 'UNLOGGED' : 'LOGGED'};`, [
                { kind: 'table-rewrite', message: `rewrites ${name} to change its persistence` },
            ]);
        }
        if (keys.includes('partition')) {
            const before = from.payload.partition;
            const after = to.payload.partition;
            // A partition's columns are its parent's: detaching makes them the table's own again, and
            // attaching hands the table's own over to the parent.
            const ownColumns = (catalog, id) => ctx.children(catalog, id).filter((c) => c.kind === 'column').map((c) => c.id);
            if (before) {
                out.push(action('table', {
                    sql: `ALTER TABLE ${nameOf(before.of, ctx)} DETACH PARTITION ${name};`,
                    alters: [to.id],
                    creates: after ? [] : ownColumns(ctx.target, to.id),
                }));
            }
            if (after) {
                out.push(action('table', {
                    sql: `ALTER TABLE ${nameOf(after.of, ctx)} ATTACH PARTITION ${name} ${after.bound};`,
                    alters: [to.id],
                    needs: columns,
                    destroys: before ? [] : ownColumns(ctx.source, from.id),
                    hazards: [{ kind: 'full-scan-under-lock', message: `scans ${name} to check it fits the partition bound` }],
                }));
            }
        }
        if (keys.includes('inherits')) {
            const before = from.payload.inherits;
            const after = to.payload.inherits;
            for (const id of before.filter((x) => !after.includes(x)))
                alter(`ALTER TABLE ${name} NO INHERIT ${nameOf(id, ctx)};`);
            for (const id of after.filter((x) => !before.includes(x)))
                alter(`ALTER TABLE ${name} INHERIT ${nameOf(id, ctx)};`);
        }
        return out;
    },
};
//# sourceMappingURL=table.js.map