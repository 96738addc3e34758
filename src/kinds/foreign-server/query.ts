import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember } from '../../catalog/scope.js';
import { optionsObject, type Options } from '../common/foreign-options.js';

/** A foreign server's state: what the diff compares and the rule writes. */
export type ForeignServerPayload = {
  /** The foreign data wrapper's name. */
  wrapper: string;
  type: string | null;
  version: string | null;
  options: Options;
};

export type ForeignServerFact = Fact<ForeignServerPayload, [server: string]>;

interface Row { classid: number; oid: number; name: string; wrapper: string; type: string | null; version: string | null; options: Options }

/** Foreign servers (CREATE SERVER), with the wrapper they use, whoever created the wrapper. */
export const foreignServerQuery: KindQuery = {
  kind: 'foreign_server',
  async extract(db) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_foreign_server'::regclass::oid AS classid, s.oid, s.srvname AS name, w.fdwname AS wrapper,
             s.srvtype AS type, s.srvversion AS version, ${optionsObject('s.srvoptions')} AS options
      FROM pg_catalog.pg_foreign_server s
      JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
      WHERE ${isNotExtensionMember('pg_foreign_server', 's.oid')}`);
    return rows.map((r) => {
      const payload: ForeignServerPayload = { wrapper: r.wrapper, type: r.type, version: r.version, options: r.options };
      return {
        id: factId('foreign_server', r.name),
        kind: 'foreign_server',
        name: [r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
