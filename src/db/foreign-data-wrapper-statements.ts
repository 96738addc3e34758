import type { Queryable } from '../catalog/queryable.js';
import { quoteIdent } from '../sql/quote.js';
import type { StatementRunner } from './load-schema.js';
import type { Statement } from './split-statements.js';

interface FuncOption { DefElem: { defname: string; arg?: { List: { items: { String: { sval: string } }[] } } } }

/** Statements that only a superuser may run, made in place by the admin (see adminPhase). */
export const WRAPPER_STATEMENTS = new Set(['CreateFdwStmt', 'AlterFdwStmt']);

/** The signatures a wrapper's handler and validator must have, as to_regprocedure reads them. */
const SIGNATURES: Record<string, string> = { handler: '()', validator: '(text[], oid)' };

/**
 * Runs CREATE or ALTER FOREIGN DATA WRAPPER, which only a superuser may, as the shadow's admin. Its
 * validator runs on the options as whoever runs the statement, so the handler and validator it
 * names must be functions a superuser owns (PostgreSQL's own, an extension's), never ones the files
 * declared, which the sandbox role owns. A new wrapper's USAGE is granted to the database's owner,
 * the sandbox role, so that the files' servers can use it; lendWrappers takes it back.
 */
export async function runWrapperStatement(admin: Queryable & StatementRunner, s: Statement): Promise<void> {
  for (const option of (s.node.func_options as FuncOption[] | undefined) ?? []) {
    const { defname, arg } = option.DefElem;
    if (!arg) continue;
    const name = arg.List.items.map((i) => quoteIdent(i.String.sval)).join('.');
    const { rows } = await admin.query<{ trusted: boolean }>(
      `SELECT r.rolsuper AS trusted FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
       WHERE p.oid = pg_catalog.to_regprocedure($1)`, [`${name}${SIGNATURES[defname] ?? '()'}`]);
    // A function that does not exist yet: the statement fails as PostgreSQL says and waits for it.
    if (rows.length > 0 && !rows[0]!.trusted) {
      throw new Error(`a foreign-data wrapper's ${defname} must be a function PostgreSQL or an extension ships, not ${name}`);
    }
  }
  await admin.exec(s.sql);
  if (s.type === 'CreateFdwStmt') await admin.exec(`GRANT USAGE ON FOREIGN DATA WRAPPER ${quoteIdent(String(s.node.fdwname))} TO ${await databaseOwner(admin)}`);
}

/**
 * Grants (`GRANT`) or takes back (`REVOKE`) USAGE on every wrapper of the shadow to the database's
 * owner, the sandbox role: the files' servers need it on the wrappers extensions made first and
 * those made by runWrapperStatement, and once their servers are made it is taken back, so that the
 * shadow reads as the files say.
 */
export async function lendWrappers(admin: Queryable & StatementRunner, grant: 'GRANT' | 'REVOKE'): Promise<void> {
  const owner = await databaseOwner(admin);
  const { rows } = await admin.query<{ name: string }>('SELECT fdwname AS name FROM pg_catalog.pg_foreign_data_wrapper');
  for (const { name } of rows) {
    await admin.exec(`${grant} USAGE ON FOREIGN DATA WRAPPER ${quoteIdent(name)} ${grant === 'GRANT' ? 'TO' : 'FROM'} ${owner}`);
  }
}

async function databaseOwner(admin: Queryable): Promise<string> {
  const { rows } = await admin.query<{ owner: string }>(
    `SELECT datdba::pg_catalog.regrole::text AS owner FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()`);
  return rows[0]!.owner;
}
