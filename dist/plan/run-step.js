/** A statement of the plan failed; the message quotes its first line so a reviewer finds it. */
export class StepError extends Error {
    statement;
    /** The server's SQLSTATE, e.g. 55P03 when lock_timeout ran out. */
    code;
    constructor(statement, cause) {
        super(`${cause.message ?? String(cause)} (in: ${statement.trim().split('\n')[0]})`, { cause });
        this.statement = statement;
        this.code = cause.code;
    }
}
/**
 * Runs one step of a plan: a transaction block as one transaction (with `beforeCommit` inside it,
 * where apply writes its ledger row), a non-transactional statement alone. Statements go one at a
 * time, so a client that dies mid-block leaves an open transaction the server rolls back.
 */
export async function runStep(db, step, beforeCommit = async () => { }) {
    const run = async (sql) => {
        try {
            await db.exec(sql);
        }
        catch (error) {
            throw new StepError(sql, error);
        }
    };
    if (!step.transactional) {
        for (const sql of step.statements)
            await run(sql);
        return;
    }
    await db.exec('BEGIN');
    try {
        for (const sql of step.statements)
            await run(sql);
        await beforeCommit();
        await db.exec('COMMIT');
    }
    catch (error) {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
//# sourceMappingURL=run-step.js.map