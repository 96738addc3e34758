import { defineKind } from '../kind.js';
import { storageParametersQuery, type StorageParametersFact, type StorageParametersPayload } from './query.js';
import { changeParameters, resetParameters, setParameters } from './rule.js';

export const storageParameters = defineKind<StorageParametersPayload, StorageParametersFact['name']>({
  id: 'storage_parameters',
  query: storageParametersQuery,
  objectRef: () => {
    throw new Error('storage parameters are a property of their table and have no name of their own');
  },
  create: setParameters,
  drop: resetParameters,
  attributes: { options: changeParameters },
});
