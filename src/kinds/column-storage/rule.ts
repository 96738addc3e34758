import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { ColumnStorageFact, ColumnStorageInfo, ColumnStoragePayload } from './query.js';

const DEFAULTS: ColumnStoragePayload = { storage: null, compression: null, statistics: null };

/**
 * One ALTER TABLE with a clause per setting that differs; a setting back to its default names
 * the type's storage, DEFAULT compression or target -1.
 */
function change(fact: ColumnStorageFact, before: ColumnStoragePayload, after: ColumnStoragePayload, extra: Partial<Action>): Action[] {
  const column = `ALTER COLUMN ${quoteIdent(fact.name[2])}`;
  const clauses: string[] = [];
  if (before.storage !== after.storage) clauses.push(`${column} SET STORAGE ${(after.storage ?? fact.info.typeStorage).toUpperCase()}`);
  if (before.compression !== after.compression) clauses.push(`${column} SET COMPRESSION ${after.compression ?? 'DEFAULT'}`);
  if (before.statistics !== after.statistics) clauses.push(`${column} SET STATISTICS ${after.statistics ?? -1}`);
  if (!clauses.length) return [];
  return [action('column_storage', { sql: `ALTER TABLE ${qualify(fact.name[0], fact.name[1])} ${clauses.join(', ')};`, ...extra })];
}

export const setStorage = (fact: ColumnStorageFact): Action[] => change(fact, DEFAULTS, fact.payload, { creates: [fact.id] });

export const resetStorage = (fact: ColumnStorageFact): Action[] => change(fact, fact.payload, DEFAULTS, {});

/** One statement, with a clause per setting that changed. */
export const changeStorage = ({ from, to }: Change<ColumnStoragePayload, ColumnStorageFact['name'], ColumnStorageInfo>): Action[] =>
  change(to, from.payload, to.payload, { alters: [to.id] });
