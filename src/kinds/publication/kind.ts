import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { publicationQuery, type PublicationFact, type PublicationPayload } from './query.js';
import { alterPublication, createPublication, publicationName } from './rule.js';

/** Everything but FOR ALL TABLES changes in place; one function keeps the objects before the options. */
export const publication = defineKind<PublicationPayload, PublicationFact['name']>({
  id: 'publication',
  query: publicationQuery,
  objectRef: (fact) => `PUBLICATION ${publicationName(fact)}`,
  create: createPublication,
  drop: (fact) => [action('publication', { sql: `DROP PUBLICATION ${publicationName(fact)};` })],
  attributes: {
    allTables: 'replace',
    publish: alterPublication,
    viaRoot: alterPublication,
    tables: alterPublication,
    schemas: alterPublication,
  },
});
