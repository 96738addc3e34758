import type { RuleContext } from '../../diff/rule.js';
import { isTable } from './query.js';

/**
 * Whether `plan --online` keeps table `id` writable while the plan changes what it holds: a plain
 * table production has and the migration keeps. A table the plan creates or makes anew is empty,
 * so its plain statements stay inside the transaction; a partitioned table holds no rows of its
 * own, and PostgreSQL refuses CONCURRENTLY on it.
 */
export function busyTable(id: string | undefined, ctx: RuleContext): boolean {
  if (!ctx.online || id === undefined || !ctx.kept(id)) return false;
  const table = ctx.source.get(id);
  return table !== undefined && isTable(table) && !table.payload.partitioned;
}
