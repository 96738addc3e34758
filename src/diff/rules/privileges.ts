import type { AclEntry } from '../../catalog/acl.js';
import type { Catalog, Fact } from '../../catalog/fact.js';
import { quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../action.js';
import type { Rule, RuleContext } from '../rule.js';
import { grantStatements, type GrantTarget } from './grant-statements.js';

/** Where GRANT names a class of object differently from COMMENT ON. */
const GRANT_CLASS: [comment: string, grant: string][] = [
  ['MATERIALIZED VIEW ', 'TABLE '],
  ['FOREIGN TABLE ', 'TABLE '],
  ['VIEW ', 'TABLE '],
  ['AGGREGATE ', 'FUNCTION '],
  ['SERVER ', 'FOREIGN SERVER '],
];

/** `ON TABLE public.t`, from the object's own rule; a column's privileges name their relation. */
function grantTarget(fact: Fact, catalog: Catalog, ctx: RuleContext, owner: string): GrantTarget {
  const column = fact.info.column as string | null;
  const object = catalog.get(column === null ? fact.parent! : (fact.info.relation as string))!;
  let ref = ctx.ruleFor(object.kind).objectRef(object);
  const renamed = GRANT_CLASS.find(([comment]) => ref.startsWith(comment));
  if (renamed) ref = renamed[1] + ref.slice(renamed[0].length);
  return {
    on: `ON ${ref}`,
    owner,
    about: column === null ? ref : `${ref} (${column})`,
    privilege: column === null ? undefined : (p) => `${p} (${quoteIdent(column)})`,
  };
}

const grantsOf = (fact: Fact) => fact.payload.grants as AclEntry[];

function statements(sql: string[], edge: Partial<Pick<Action, 'creates' | 'alters'>>): Action[] {
  return sql.map((s) => action('privileges', { sql: s, ...edge }));
}

/**
 * Privileges are stated relative to PostgreSQL's defaults, so a new object starts from none of
 * them and an object that keeps its privileges fact changes only what differs. The owner's own
 * rights are revoked from the owner production has; on an object this migration creates, the
 * owner is whoever runs it.
 */
export const privilegesRule: Rule = {
  kind: 'privileges',
  objectRef: () => {
    throw new Error('privileges have no name of their own');
  },
  create: (fact, ctx) =>
    statements(grantStatements([], grantsOf(fact), grantTarget(fact, ctx.target, ctx, 'CURRENT_USER'), ctx), {
      creates: [fact.id],
    }),
  // Only reached while the object stays: a dropped object's privileges go with it.
  drop: (fact, ctx) =>
    statements(grantStatements(grantsOf(fact), [], grantTarget(fact, ctx.source, ctx, ownerOf(fact)), ctx), {}),
  alter: ({ from, to }, ctx) =>
    statements(grantStatements(grantsOf(from), grantsOf(to), grantTarget(to, ctx.target, ctx, ownerOf(from)), ctx), {
      alters: [to.id],
    }),
};

const ownerOf = (fact: Fact) => quoteIdent(String(fact.info.owner));
