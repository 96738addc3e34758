import { defineKind } from '../kind.js';
import { schemaQuery, type SchemaFact, type SchemaPayload } from './query.js';
import { createSchema, dropSchema, schemaName } from './rule.js';

export const schema = defineKind<SchemaPayload, SchemaFact['name']>({
  id: 'schema',
  query: schemaQuery,
  objectRef: (fact) => `SCHEMA ${schemaName(fact)}`,
  create: createSchema,
  drop: dropSchema,
  // The payload is empty: a schema differs only by name, which makes it another schema.
  attributes: {},
});
