import { defineKind } from '../kind.js';
import { privilegesQuery, type PrivilegesFact, type PrivilegesInfo, type PrivilegesPayload } from './query.js';
import { changePrivileges, grantPrivileges, revokePrivileges } from './rule.js';

/**
 * An object's privileges, relative to PostgreSQL's defaults: GRANT and REVOKE what differs, never
 * the object anew.
 */
export const privileges = defineKind<PrivilegesPayload, PrivilegesFact['name'], PrivilegesInfo>({
  id: 'privileges',
  query: privilegesQuery,
  objectRef: () => {
    throw new Error('privileges have no name of their own');
  },
  create: grantPrivileges,
  drop: revokePrivileges,
  attributes: { grants: changePrivileges },
});
