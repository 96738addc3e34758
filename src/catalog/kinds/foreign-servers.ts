import type { Json } from '../fact.js';
import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { isNotExtensionMember } from '../scope.js';
import { optionsObject } from './foreign-options.js';

interface Row { classid: number; oid: number; name: string; wrapper: string; type: string | null; version: string | null; options: Record<string, string> }

/** Foreign servers (CREATE SERVER), with the wrapper they use, whoever created the wrapper. */
export const foreignServers: KindQuery = {
  kind: 'foreign_server',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_foreign_server'::regclass::oid AS classid, s.oid, s.srvname AS name, w.fdwname AS wrapper,
             s.srvtype AS type, s.srvversion AS version, ${optionsObject('s.srvoptions')} AS options
      FROM pg_catalog.pg_foreign_server s
      JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
      WHERE ${isNotExtensionMember('pg_foreign_server', 's.oid')}`);
    return rows.map((r) => ({
      id: factId('foreign_server', r.name),
      kind: 'foreign_server',
      name: [r.name],
      payload: { wrapper: r.wrapper, type: r.type, version: r.version, options: r.options as Json },
      info: {},
      deps: [],
      refs: [objectRef(r.classid, r.oid)],
    }));
  },
};
