import type { Catalog } from '../../catalog/fact.js';
import { qualify, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { RuleContext } from '../../diff/rule.js';
import type { CommentFact, CommentInfo, CommentPayload } from './query.js';

/**
 * `COMMENT ON TABLE public.users IS …`: the commented object's own rule says how it is named; a
 * view's column is named through its view.
 */
function commentOn(comment: CommentFact, catalog: Catalog, ctx: RuleContext, text: string | null): string {
  const target = catalog.get(comment.parent!)!;
  const value = text === null ? 'NULL' : quoteLiteral(text);
  const column = comment.info.column;
  const ref = column === undefined ? ctx.ruleFor(target.kind).objectRef(target) : `COLUMN ${qualify(...target.name, column)}`;
  return `COMMENT ON ${ref} IS ${value};`;
}

export const createComment = (fact: CommentFact, ctx: RuleContext): Action[] => [
  action('comment', { sql: commentOn(fact, ctx.target, ctx, fact.payload.text), creates: [fact.id] }),
];

/** Only reached while the object stays: a dropped object's comment goes with it. */
export const dropComment = (fact: CommentFact, ctx: RuleContext): Action[] => [
  action('comment', { sql: commentOn(fact, ctx.source, ctx, null) }),
];

export const changeComment = ({ to }: Change<CommentPayload, CommentFact['name'], CommentInfo>, ctx: RuleContext): Action[] => [
  action('comment', { sql: commentOn(to, ctx.target, ctx, to.payload.text), alters: [to.id] }),
];
