import { defineKind } from '../kind.js';
import { columnStorageQuery, type ColumnStorageFact, type ColumnStorageInfo, type ColumnStoragePayload } from './query.js';
import { changeStorage, resetStorage, setStorage } from './rule.js';

export const columnStorage = defineKind<ColumnStoragePayload, ColumnStorageFact['name'], ColumnStorageInfo>({
  id: 'column_storage',
  query: columnStorageQuery,
  objectRef: () => {
    throw new Error('column storage settings are a property of their column and have no name of their own');
  },
  create: setStorage,
  drop: resetStorage,
  attributes: { storage: changeStorage, compression: changeStorage, statistics: changeStorage },
});
