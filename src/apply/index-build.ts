import { splitStatements } from '../db/split-statements.js';

/**
 * The parse tree of a CREATE INDEX CONCURRENTLY, or undefined for any other statement. Such a
 * build waits for every transaction older than it, twice, and is rebuilt from scratch when it is
 * cancelled: it gets a wait budget of its own, and its INVALID leftover is dropped before a rerun.
 */
export async function concurrentIndexBuild(sql: string): Promise<Record<string, unknown> | undefined> {
  const [statement] = await splitStatements('pending.sql', sql);
  return statement?.type === 'IndexStmt' && statement.node.concurrent ? statement.node : undefined;
}
