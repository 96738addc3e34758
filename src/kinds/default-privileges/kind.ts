import { defineKind } from '../kind.js';
import { defaultPrivilegesQuery, type DefaultPrivilegesFact, type DefaultPrivilegesPayload } from './query.js';
import { changeDefaults, createDefaults, dropDefaults } from './rule.js';

/**
 * ALTER DEFAULT PRIVILEGES. Its rank puts it before the objects of its schema are created, so
 * they start from the target's defaults, which is what the privileges rule expects of them.
 */
export const defaultPrivileges = defineKind<DefaultPrivilegesPayload, DefaultPrivilegesFact['name']>({
  id: 'default_privileges',
  query: defaultPrivilegesQuery,
  objectRef: () => {
    throw new Error('default privileges have no name of their own');
  },
  create: createDefaults,
  drop: dropDefaults,
  attributes: { grants: changeDefaults },
});
