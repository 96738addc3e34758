import { defineKind } from '../kind.js';
import { commentQuery, type CommentFact, type CommentInfo, type CommentPayload } from './query.js';
import { changeComment, createComment, dropComment } from './rule.js';

export const comment = defineKind<CommentPayload, CommentFact['name'], CommentInfo>({
  id: 'comment',
  query: commentQuery,
  objectRef: () => {
    throw new Error('a comment has no comment of its own');
  },
  create: createComment,
  drop: dropComment,
  attributes: { text: changeComment },
});
