import type { Json } from '../fact.js';
import { factId } from '../fact-id.js';
import { objectRef, type KindQuery } from '../kind-query.js';
import { isNotExtensionMember } from '../scope.js';
import { optionsObject } from './foreign-options.js';
import { portableNames } from '../portable-names.js';

interface Row { classid: number; oid: number; name: string; handler: string | null; validator: string | null; options: Record<string, string> }

/**
 * Foreign data wrappers a user created (CREATE FOREIGN DATA WRAPPER); those an extension made
 * (postgres_fdw, file_fdw) are its members and come with it. Handler and validator are named as
 * regproc writes them with only pg_catalog on the path; pg_depend makes them dependencies.
 */
export const foreignDataWrappers: KindQuery = {
  kind: 'foreign_data_wrapper',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_foreign_data_wrapper'::regclass::oid AS classid, w.oid, w.fdwname AS name,
             NULLIF(w.fdwhandler, 0)::pg_catalog.regproc::text AS handler,
             NULLIF(w.fdwvalidator, 0)::pg_catalog.regproc::text AS validator,
             ${optionsObject('w.fdwoptions')} AS options
      FROM pg_catalog.pg_foreign_data_wrapper w
      WHERE w.oid >= 16384 AND ${isNotExtensionMember('pg_foreign_data_wrapper', 'w.oid')}`);
    return rows.map((r) => ({
      id: factId('foreign_data_wrapper', r.name),
      kind: 'foreign_data_wrapper',
      name: [r.name],
      payload: { handler: portableNames(r.handler, serverVersion, 'name'), validator: portableNames(r.validator, serverVersion, 'name'), options: r.options as Json },
      info: {},
      deps: [],
      refs: [objectRef(r.classid, r.oid)],
    }));
  },
};
