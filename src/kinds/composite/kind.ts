import type { TypeName } from '../common/type-fact.js';
import { typeStatements } from '../common/type-rule.js';
import { defineKind } from '../kind.js';
import { compositeQuery, type CompositePayload } from './query.js';
import { alterComposite, createComposite } from './rule.js';

/** Composite types (CREATE TYPE … AS (…)): attributes change in place where PostgreSQL allows. */
export const composite = defineKind<CompositePayload, TypeName>({
  id: 'composite',
  query: compositeQuery,
  ...typeStatements<CompositePayload>('composite'),
  create: createComposite,
  attributes: {
    attributes: alterComposite,
  },
});
