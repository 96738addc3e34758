import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';

/** An extension's state: what the diff compares and the rule writes. */
export type ExtensionPayload = {
  /** The schema its objects are created in. */
  schema: string;
  /** A pinned version; null where the installed one is the server's default. */
  version: string | null;
};

/** Whether ALTER EXTENSION … SET SCHEMA can move it, which the extension itself says. */
export type ExtensionInfo = { relocatable: boolean };

export type ExtensionFact = Fact<ExtensionPayload, [extension: string], ExtensionInfo>;

interface Row { oid: number; classid: number; name: string; schema: string; version: string | null; relocatable: boolean }

/**
 * Extensions by name, schema and version. The version counts only where it is not the server's
 * default: servers in different environments ship different defaults, so a plain
 * `CREATE EXTENSION` means "the server's default" (null) on every server, while a pinned
 * `VERSION '1.4'` is compared as written.
 */
export const extensionQuery: KindQuery = {
  kind: 'extension',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT e.oid, 'pg_extension'::regclass::oid AS classid, e.extname AS name,
             n.nspname AS schema, e.extrelocatable AS relocatable,
             CASE WHEN e.extversion IS DISTINCT FROM a.default_version THEN e.extversion END AS version
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      LEFT JOIN pg_catalog.pg_available_extensions a ON a.name = e.extname
      WHERE e.extname <> 'plpgsql'`);
    return rows.map((r) => {
      const payload: ExtensionPayload = { schema: r.schema, version: r.version };
      return {
        id: factId('extension', r.name),
        kind: 'extension',
        name: [r.name],
        payload,
        info: { relocatable: r.relocatable } satisfies ExtensionInfo,
        deps: [factId('schema', r.schema)],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
