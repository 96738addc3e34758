import { parsePlPgSQLSync } from 'libpg-query';
import type { Statement } from '../db/split-statements.js';

/** PL/pgSQL statements that end the transaction they run in, or call what may. */
const ENDS_TRANSACTION = new Set(['PLpgSQL_stmt_commit', 'PLpgSQL_stmt_rollback', 'PLpgSQL_stmt_call']);

/**
 * Whether a statement may commit part of its work on its own: a CALL (a procedure may commit, and
 * nothing tells from outside), or a DO block whose PL/pgSQL body commits, rolls back or calls a
 * procedure. A DO in another language, or one whose body does not parse, may do anything and
 * counts as committing. Such a statement cannot run inside a transaction, and what it committed
 * before an interruption stays: no fingerprint shows its data changes, so it is never run twice.
 */
export function commitsItself(s: Statement): boolean {
  if (s.type === 'CallStmt') return true;
  if (s.type !== 'DoStmt') return false;
  const args = (s.node.args ?? []) as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }[];
  const language = args.find((a) => a.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval ?? 'plpgsql';
  if (language.toLowerCase() !== 'plpgsql') return true;
  try {
    return hasKey(parsePlPgSQLSync(s.sql), ENDS_TRANSACTION);
  } catch {
    return true;
  }
}

function hasKey(tree: unknown, keys: Set<string>): boolean {
  if (Array.isArray(tree)) return tree.some((t) => hasKey(t, keys));
  if (typeof tree !== 'object' || tree === null) return false;
  return Object.entries(tree).some(([key, value]) => keys.has(key) || hasKey(value, keys));
}
