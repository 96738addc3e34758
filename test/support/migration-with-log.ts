import type { Action } from '../../src/diff/action.js';
import { computeMigration } from '../../src/engine/compute-migration.js';
import { createDatabase, serverUrl, withConnection } from './postgres.js';
import { runScript } from './run-script.js';
import { tempDir } from './temp-dir.js';

/** The migration from a database made by `from` to `schema` (one schema.sql file), with what it logged. */
export async function migrationWithLog(from: string, schema: string): Promise<{ actions: Action[]; log: string[] }> {
  const db = await createDatabase('withlog');
  const dir = await tempDir({ 'schema.sql': schema });
  try {
    await withConnection(db.url, (c) => runScript(c, from, 'from.sql'));
    const log: string[] = [];
    const { actions } = await computeMigration({ databaseUrl: db.url, schemaPath: dir.path, shadowUrl: serverUrl(), log: (m) => log.push(m) });
    return { actions, log };
  } finally {
    await dir.remove();
    await db.drop();
  }
}
