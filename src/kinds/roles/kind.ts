import { defineKind } from '../kind.js';
import { rolesQuery, type RolesFact, type RolesInfo, type RolesPayload } from './query.js';

/** The list of roles is information for other rules; schema-bot never creates or drops a role. */
export const roles = defineKind<RolesPayload, RolesFact['name'], RolesInfo>({
  id: 'roles',
  query: rolesQuery,
  objectRef: () => {
    throw new Error('the list of roles is not an object');
  },
  create: () => [],
  drop: () => [],
  // The payload is empty: the diff never finds a change to make.
  attributes: {},
});
