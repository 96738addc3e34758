import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isUserSchema } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';

/** A listed table, with its column list and row filter where it has them (PostgreSQL 15 on). */
export type PublishedTable = { schema: string; name: string; columns: string[] | null; where: string | null };

/** What a publication publishes: what the diff compares and the rule writes. */
export type PublicationPayload = {
  /** FOR ALL TABLES, which lists none. */
  allTables: boolean;
  /** The operations published: `insert`, `update`, `delete`, `truncate`. */
  publish: string[];
  /** publish_via_partition_root. */
  viaRoot: boolean;
  /** Listed tables, by schema and name. */
  tables: PublishedTable[];
  /** TABLES IN SCHEMA, sorted. */
  schemas: string[];
};

export type PublicationFact = Fact<PublicationPayload, [publication: string]>;

interface Row {
  classid: number;
  oid: number;
  name: string;
  all_tables: boolean;
  publish: string[];
  via_root: boolean;
  tables: PublishedTable[];
  schemas: string[];
  member_refs: string[];
}

/**
 * Publications with what they publish: every table, or listed tables (with column lists and row
 * filters) and schemas, and which operations. Tables and schemas outside the scope are left out.
 */
export const publicationQuery: KindQuery = {
  kind: 'publication',
  async extract(db, { serverVersion }) {
    // Column lists, row filters and TABLES IN SCHEMA came with PostgreSQL 15.
    const pg15 = serverVersion >= 150000;
    const { rows } = await db.query<Row>(`
      SELECT 'pg_publication'::regclass::oid AS classid, p.oid, p.pubname AS name, p.puballtables AS all_tables,
             ARRAY_REMOVE(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                                CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END],
                          NULL) AS publish,
             p.pubviaroot AS via_root,
             COALESCE((
               SELECT json_agg(json_build_object(
                        'schema', n.nspname, 'name', c.relname,
                        'columns', ${pg15 ? `(SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                                    WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs))` : 'NULL'},
                        'where', ${pg15 ? 'pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)' : 'NULL'})
                      ORDER BY n.nspname, c.relname)
               FROM pg_catalog.pg_publication_rel pr
               JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               WHERE pr.prpubid = p.oid AND ${isUserSchema('n.nspname')}), '[]') AS tables,
             ${pg15 ? `ARRAY(SELECT n.nspname::text FROM pg_catalog.pg_publication_namespace pn
                          JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid
                          WHERE pn.pnpubid = p.oid AND ${isUserSchema('n.nspname')} ORDER BY n.nspname)`
                    : `'{}'::text[]`} AS schemas,
             ARRAY(SELECT 'pg_publication_rel'::regclass::oid::text || ':' || pr.oid::text || ':0'
                   FROM pg_catalog.pg_publication_rel pr WHERE pr.prpubid = p.oid) AS member_refs
      FROM pg_catalog.pg_publication p`);
    return rows.map((r) => {
      const payload: PublicationPayload = {
        allTables: r.all_tables,
        publish: r.publish,
        viaRoot: r.via_root,
        tables: r.tables.map((t) => ({ ...t, where: portableNames(t.where, serverVersion, 'expression') })),
        schemas: r.schemas,
      };
      return {
        id: factId('publication', r.name),
        kind: 'publication',
        name: [r.name],
        payload,
        info: {},
        deps: [
          ...r.tables.map((t) => factId('table', t.schema, t.name)),
          ...r.schemas.map((s) => factId('schema', s)),
        ],
        // Its tables' entries answer for it too, so what their column lists and row filters use
        // (pg_depend records it for the entry) becomes a dependency of the publication.
        refs: [objectRef(r.classid, r.oid), ...r.member_refs],
      };
    });
  },
};
