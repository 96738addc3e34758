import { attachedFact } from '../../catalog/attached-fact.js';
import type { Fact } from '../../catalog/fact.js';
import { factWith } from '../../catalog/fact-with.js';
import type { KindQuery } from '../../catalog/kind-query.js';
import { quoteIdent } from '../../sql/quote.js';

export type CommentPayload = { text: string };

/** For a comment on a column that is no fact of its own, the column's name: the fact is its relation's. */
export type CommentInfo = { column?: string };

/** Named by the fact of the object commented on (a relation's for a view's column). */
export type CommentFact = Fact<CommentPayload, [object: string], CommentInfo>;

/**
 * Relations whose columns are no facts of their own: they follow from a view's query, or are part
 * of a foreign table's fact (whose addresses they answer to, so the relation is looked at first).
 */
const COLUMNS_WITHOUT_FACTS = ['view', 'matview', 'foreign_table'];

interface Row {
  ref: string;
  /** For a column: the catalog address of its relation and the column's name. */
  relation_ref: string | null;
  column: string | null;
  text: string;
}

/**
 * Comments on any object the engine manages, whatever its kind: each row knows its object only by
 * catalog address, so the fact finds its parent once every kind is read. A comment on a column
 * of a view, materialized view or foreign table, which are no facts of their own, belongs to the
 * relation under the column's name. Comments on objects the engine does not manage are left out.
 */
export const commentQuery: KindQuery = {
  kind: 'comment',
  async extract(db) {
    // System objects carry thousands of comments; `public` is the one user schema among them.
    const { rows } = await db.query<Row>(`
      SELECT d.classoid::oid::text || ':' || d.objoid::text || ':' || d.objsubid::text AS ref,
             CASE WHEN d.objsubid > 0 THEN d.classoid::oid::text || ':' || d.objoid::text || ':0' END AS relation_ref,
             CASE WHEN d.objsubid > 0 THEN (SELECT a.attname FROM pg_catalog.pg_attribute a
                                            WHERE a.attrelid = d.objoid AND a.attnum = d.objsubid) END AS column,
             d.description AS text
      FROM pg_catalog.pg_description d
      WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass`);
    return rows.map((r) => {
      const payload: CommentPayload = { text: r.text };
      const fact = attachedFact('comment', r.ref, payload);
      if (r.relation_ref === null) return fact;
      const relationRef = r.relation_ref;
      const column = r.column!;
      return {
        ...fact,
        resolve: (extracted, idOf) => {
          const relation = idOf(relationRef);
          if (!relation || !COLUMNS_WITHOUT_FACTS.some((kind) => relation.startsWith(`${kind}:`))) return fact.resolve!(extracted, idOf);
          return factWith(extracted, { id: `comment:${relation}.${quoteIdent(column)}`, name: [relation], parent: relation, deps: [relation], info: { column } satisfies CommentInfo });
        },
      };
    });
  },
};
