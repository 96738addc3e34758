import { defineKind } from '../kind.js';
import { ownerQuery, type OwnerFact, type OwnerPayload } from './query.js';
import { changeOwner, handOver } from './rule.js';

/** Ownership, compared only when asked. */
export const owner = defineKind<OwnerPayload, OwnerFact['name']>({
  id: 'owner',
  query: ownerQuery,
  objectRef: () => {
    throw new Error('an owner has no name of its own');
  },
  create: handOver,
  // Every object has an owner: one that stays never loses it.
  drop: () => [],
  attributes: { role: changeOwner },
});
