import { defineKind } from '../kind.js';
import { replicaIdentityQuery, type ReplicaIdentityFact, type ReplicaIdentityPayload } from './query.js';
import { changeIdentity, resetIdentity, setIdentity } from './rule.js';

export const replicaIdentity = defineKind<ReplicaIdentityPayload, ReplicaIdentityFact['name']>({
  id: 'replica_identity',
  query: replicaIdentityQuery,
  objectRef: () => {
    throw new Error('a replica identity is a property of its table and has no name of its own');
  },
  create: setIdentity,
  drop: resetIdentity,
  attributes: { identity: changeIdentity, index: changeIdentity },
});
