import { quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
/** `COMMENT ON TABLE public.users IS …`: the commented object's own rule says how it is named. */
function commentOn(comment, catalog, ctx, text) {
    const target = catalog.get(comment.parent);
    const value = text === null ? 'NULL' : quoteLiteral(text);
    return `COMMENT ON ${ctx.ruleFor(target.kind).objectRef(target)} IS ${value};`;
}
export const commentRule = {
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
//# sourceMappingURL=comment.js.map