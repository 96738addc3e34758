import type { Connection } from '../../src/db/connect.js';
import { splitStatements } from '../../src/db/split-statements.js';

/**
 * Runs a script statement by statement, as `psql -f` does: its own BEGIN/COMMIT take effect, and
 * statements that refuse a transaction block run outside one.
 */
export async function runScript(db: Connection, sql: string, file = 'script.sql'): Promise<void> {
  for (const statement of await splitStatements(file, sql)) await db.exec(statement.sql);
}
