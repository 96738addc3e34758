import type { Fact } from '../../catalog/fact.js';
import { factId } from '../../catalog/fact-id.js';
import { objectRef, type KindQuery } from '../../catalog/kind-query.js';
import { isNotExtensionMember } from '../../catalog/scope.js';
import { portableNames } from '../../catalog/portable-names.js';
import { optionsObject, type Options } from '../common/foreign-options.js';

/** A foreign data wrapper's state: what the diff compares and the rule writes. */
export type ForeignDataWrapperPayload = {
  /** The function's name as regproc writes it with only pg_catalog on the path; null for NO HANDLER. */
  handler: string | null;
  /** As the handler; null for NO VALIDATOR. */
  validator: string | null;
  options: Options;
};

export type ForeignDataWrapperFact = Fact<ForeignDataWrapperPayload, [wrapper: string]>;

interface Row { classid: number; oid: number; name: string; handler: string | null; validator: string | null; options: Options }

/**
 * Foreign data wrappers a user created (CREATE FOREIGN DATA WRAPPER); those an extension made
 * (postgres_fdw, file_fdw) are its members and come with it. Handler and validator are named as
 * regproc writes them with only pg_catalog on the path; pg_depend makes them dependencies.
 */
export const foreignDataWrapperQuery: KindQuery = {
  kind: 'foreign_data_wrapper',
  async extract(db, { serverVersion }) {
    const { rows } = await db.query<Row>(`
      SELECT 'pg_foreign_data_wrapper'::regclass::oid AS classid, w.oid, w.fdwname AS name,
             NULLIF(w.fdwhandler, 0)::pg_catalog.regproc::text AS handler,
             NULLIF(w.fdwvalidator, 0)::pg_catalog.regproc::text AS validator,
             ${optionsObject('w.fdwoptions')} AS options
      FROM pg_catalog.pg_foreign_data_wrapper w
      WHERE w.oid >= 16384 AND ${isNotExtensionMember('pg_foreign_data_wrapper', 'w.oid')}`);
    return rows.map((r) => {
      const payload: ForeignDataWrapperPayload = {
        handler: portableNames(r.handler, serverVersion, 'name'),
        validator: portableNames(r.validator, serverVersion, 'name'),
        options: r.options,
      };
      return {
        id: factId('foreign_data_wrapper', r.name),
        kind: 'foreign_data_wrapper',
        name: [r.name],
        payload,
        info: {},
        deps: [],
        refs: [objectRef(r.classid, r.oid)],
      };
    });
  },
};
