import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { foreignServerQuery, type ForeignServerFact, type ForeignServerPayload } from './query.js';
import { alterServer, createServer, nameOf } from './rule.js';

/** Foreign servers: version and options change in place; another wrapper or type is a new server. */
export const foreignServer = defineKind<ForeignServerPayload, ForeignServerFact['name']>({
  id: 'foreign_server',
  query: foreignServerQuery,
  objectRef: (fact) => `SERVER ${nameOf(fact)}`,
  create: createServer,
  drop: (fact) => [action('foreign_server', { sql: `DROP SERVER ${nameOf(fact)};` })],
  attributes: {
    wrapper: 'replace',
    type: 'replace',
    version: alterServer,
    options: alterServer,
  },
});
