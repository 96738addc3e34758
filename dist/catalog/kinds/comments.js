import { attachedFact } from '../attached-fact.js';
/**
 * Comments on any object the engine manages, whatever its kind: each row knows its object only by
 * catalog address, so the fact finds its parent once every kind is read. Comments on objects the
 * engine does not manage are left out.
 */
export const comments = {
    kind: 'comment',
    async extract(db) {
        // System objects carry thousands of comments; `public` is the one user schema among them.
        const { rows } = await db.query(`
      SELECT d.classoid::oid::text || ':' || d.objoid::text || ':' || d.objsubid::text AS ref,
             d.description AS text
      FROM pg_catalog.pg_description d
      WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass`);
        return rows.map((r) => attachedFact('comment', r.ref, { text: r.text }));
    },
};
//# sourceMappingURL=comments.js.map