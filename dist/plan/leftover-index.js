import { splitStatements } from '../db/split-statements.js';
import { qualify } from '../sql/quote.js';
/**
 * A CREATE INDEX CONCURRENTLY that was interrupted leaves its index behind, INVALID: unused by
 * queries, yet maintained on every write, and in the way of building it again. Before such a
 * statement is resumed, the index it left is dropped (concurrently, so writes go on).
 */
export async function dropLeftoverIndex(db, sql, log) {
    const [statement] = await splitStatements('pending.sql', sql);
    if (statement?.type !== 'IndexStmt' || !statement.node.concurrent || !statement.node.idxname)
        return;
    const relation = statement.node.relation;
    const { rows } = await db.query(`SELECT n.nspname AS schema, c.relname AS name
     FROM pg_catalog.pg_index i
     JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND c.relname = $1 AND t.relname = $2 AND ($3::text IS NULL OR n.nspname = $3)`, [statement.node.idxname, relation.relname, relation.schemaname ?? null]);
    for (const index of rows) {
        const name = qualify(index.schema, index.name);
        log(`dropping ${name}, left INVALID by the interrupted build, before building it again`);
        await db.exec(`DROP INDEX CONCURRENTLY ${name}`);
    }
}
//# sourceMappingURL=leftover-index.js.map