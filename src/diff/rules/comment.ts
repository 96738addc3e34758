import type { Catalog, Fact } from '../../catalog/fact.js';
import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * `COMMENT ON TABLE public.users IS …`: the commented object's own rule says how it is named; a
 * view's column is named through its view.
 */
function commentOn(comment: Fact, catalog: Catalog, ctx: RuleContext, text: string | null): string {
  const target = catalog.get(comment.parent!)!;
  const value = text === null ? 'NULL' : quoteLiteral(text);
  const column = comment.info.column as string | undefined;
  const ref = column === undefined ? ctx.ruleFor(target.kind).objectRef(target) : `COLUMN ${qualify(...target.name, column)}`;
  return `COMMENT ON ${ref} IS ${value};`;
}

export const commentRule: Rule = {
  kind: 'comment',
  objectRef: () => {
    throw new Error('a comment has no comment of its own');
  },
  create: (fact, ctx) => [
    action('comment', { sql: commentOn(fact, ctx.target, ctx, String(fact.payload.text)), creates: [fact.id] }),
  ],
  // Only reached while the object stays: a dropped object's comment goes with it.
  drop: (fact, ctx) => [action('comment', { sql: commentOn(fact, ctx.source, ctx, null) })],
  alter: ({ to }, ctx) => [
    action('comment', { sql: commentOn(to, ctx.target, ctx, String(to.payload.text)), alters: [to.id] }),
  ],
};
