import { quoteIdent } from '../../sql/quote.js';
import type { TypeName } from '../common/type-fact.js';
import { typeName as domainName } from '../common/type-rule.js';
import { defineKind } from '../kind.js';
import { domainQuery, type DomainPayload } from './query.js';
import { alterDomain, createDomain, dropDomain, remakeDomain } from './rule.js';

/** Domains: default and NOT NULL change in place; a new base type or collation makes the domain anew aside. */
export const domain = defineKind<DomainPayload, TypeName>({
  id: 'domain',
  query: domainQuery,
  objectRef: (fact) => `DOMAIN ${domainName(fact)}`,
  rename: (fact, to) => `ALTER DOMAIN ${domainName(fact)} RENAME TO ${quoteIdent(to)};`,
  create: createDomain,
  drop: dropDomain,
  attributes: {
    base: remakeDomain,
    collation: remakeDomain,
    default: alterDomain,
    notNull: alterDomain,
  },
});
