import type { Queryable } from '../catalog/queryable.js';
import type { StatementRunner } from './load-schema.js';
import { mayNeedAdmin } from './privileged-functions.js';
import type { Statement } from './split-statements.js';

/**
 * Declarative statements that owning the shadow database is not enough for. The sandbox role
 * cannot run them, and is not made a member of real roles (a member of a role that owns another
 * database could drop it); the shadow's admin session runs them instead, at the point that keeps
 * it from running anything the files planted (see loadSchema):
 * - `first`, before any SQL of the files: extensions, whose scripts run as the admin and could
 *   otherwise call a function the files declared;
 * - `in-place`, where they stand: publications (FOR ALL TABLES and FOR TABLES IN SCHEMA need a
 *   superuser), aggregates with an `internal` state, once vetted (see vetAggregate), foreign-data
 *   wrappers, once their functions are (see runWrapperStatement), and routines in LANGUAGE internal
 *   or that set a parameter only a superuser may, if the sandbox role cannot make them and they
 *   pass the checks of runFunctionStatement;
 * - `after` the rest: owner changes (vetted, see ownerChange), default privileges of other roles,
 *   comments on extensions, which only an extension's owner may write;
 * - `last`: event triggers (and comments on them), which fire on DDL, once the admin has nothing
 *   left to run.
 */
export type AdminPhase = 'first' | 'in-place' | 'after' | 'last';

export function adminPhase(s: Statement): AdminPhase | undefined {
  switch (s.type) {
    case 'CreateExtensionStmt':
      return 'first';
    case 'CreatePublicationStmt':
    case 'AlterPublicationStmt':
    case 'CreateFdwStmt':
    case 'AlterFdwStmt':
      return 'in-place';
    case 'DefineStmt':
      return s.node.kind === 'OBJECT_AGGREGATE' && hasInternalState(s) ? 'in-place' : undefined;
    case 'CreateFunctionStmt':
      return mayNeedAdmin(s) ? 'in-place' : undefined;
    case 'CreateEventTrigStmt':
    case 'AlterEventTrigStmt':
      return 'last';
    case 'CommentStmt':
      return s.node.objtype === 'OBJECT_EXTENSION' ? 'after' : s.node.objtype === 'OBJECT_EVENT_TRIGGER' ? 'last' : undefined;
    case 'AlterDefaultPrivilegesStmt':
      return definitions(s, 'options').some((d) => d.defname === 'roles') ? 'after' : undefined;
    default:
      return newOwner(s) !== undefined ? 'after' : undefined;
  }
}

const definitions = (s: Statement, key: string) => ((s.node[key] as { DefElem?: DefElem }[] | undefined) ?? []).flatMap((o) => (o.DefElem ? [o.DefElem] : []));

function hasInternalState(s: Statement): boolean {
  const stype = definitions(s, 'definition').find((d) => d.defname === 'stype' || d.defname === 'mstype');
  const names = (stype?.arg as { TypeName?: { names?: { String?: { sval?: string } }[] } } | undefined)?.TypeName?.names ?? [];
  return names.at(-1)?.String?.sval === 'internal';
}

/**
 * Creates an aggregate whose state is `internal` (a pointer only C functions understand) as the
 * admin, which PostgreSQL allows only a superuser, since support functions of two aggregates mixed
 * could read memory as the wrong structure. Kept only when its support functions are exactly
 * those of an aggregate PostgreSQL or an extension ships, and handed to the sandbox role; otherwise
 * rolled back and refused.
 */
export async function vetAggregate(admin: Queryable & StatementRunner, sql: string): Promise<void> {
  await admin.exec('BEGIN');
  try {
    await admin.exec(sql);
    const { rows } = await admin.query<{ known: boolean; handover: string }>(`
      SELECT pg_catalog.format('ALTER AGGREGATE %s OWNER TO %I', a.aggfnoid::pg_catalog.regprocedure,
               (SELECT datdba::pg_catalog.regrole FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())::text) AS handover,
             EXISTS (
        SELECT 1 FROM pg_catalog.pg_aggregate b
        WHERE (b.aggfnoid < 16384 OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass
                                             AND d.objid = b.aggfnoid AND d.deptype = 'e'))
          AND (b.aggkind, b.aggnumdirectargs, b.aggtransfn, b.aggfinalfn, b.aggcombinefn, b.aggserialfn, b.aggdeserialfn,
               b.aggmtransfn, b.aggminvtransfn, b.aggmfinalfn, b.aggfinalextra, b.aggmfinalextra, b.aggtranstype, b.aggmtranstype)
            = (a.aggkind, a.aggnumdirectargs, a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
               a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn, a.aggfinalextra, a.aggmfinalextra, a.aggtranstype, a.aggmtranstype)
      ) AS known
      FROM pg_catalog.pg_aggregate a WHERE pg_catalog.age(a.xmin) = 0`);
    if (!rows.every((r) => r.known)) {
      throw new Error('an aggregate with an internal state must use the support functions of one PostgreSQL or an extension ships');
    }
    // The sandbox role, which owns the database, owns what it declared: it may comment on it, grant it.
    for (const r of rows) await admin.exec(r.handover);
    await admin.exec('COMMIT');
  } catch (error) {
    await admin.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface RoleSpec { roletype?: string; rolename?: string }
interface DefElem { defname?: string; arg?: unknown }

/**
 * The role a statement that only changes an owner hands its object to (`CURRENT_USER` and the like
 * as null), or undefined when the statement does more than that.
 */
export function newOwner(s: Statement): string | null | undefined {
  const spec = (spec: RoleSpec | undefined) => (spec?.roletype === 'ROLESPEC_CSTRING' ? spec.rolename! : null);
  if (s.type === 'AlterOwnerStmt') return spec(s.node.newowner as RoleSpec);
  if (s.type !== 'AlterTableStmt') return undefined;
  const cmds = (s.node.cmds as { AlterTableCmd: { subtype: string; newowner?: RoleSpec } }[] | undefined) ?? [];
  if (cmds.length !== 1 || cmds[0]!.AlterTableCmd.subtype !== 'AT_ChangeOwner') return undefined;
  return spec(cmds[0]!.AlterTableCmd.newowner);
}

/**
 * What an owner change to `role` would do, asked of the admin session. An object runs code as its
 * owner (a SECURITY DEFINER function, an index expression under autovacuum, a materialized view's
 * refresh), so it is handed only to a role without power beyond its own objects: not the server's
 * built-in roles, not a role with SUPERUSER/CREATEROLE/CREATEDB/REPLICATION/BYPASSRLS, not one
 * that owns a database, nor a member of any such. `OWNER TO` the admin itself is what the sandbox
 * already is, the current user, whom the catalog reads as no owner in particular.
 */
export async function ownerChange(admin: Queryable, role: string | null): Promise<'run' | 'already' | 'refused'> {
  if (role === null) return 'already';
  const { rows } = await admin.query<{ admin: boolean; powerful: boolean }>(
    `SELECT r.rolname = current_user AS admin,
            EXISTS (SELECT 1 FROM pg_catalog.pg_roles p
                    WHERE pg_catalog.pg_has_role(r.oid, p.oid, 'MEMBER')
                      AND (p.oid < 16384 OR p.rolsuper OR p.rolcreaterole OR p.rolcreatedb OR p.rolreplication OR p.rolbypassrls
                           OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datdba = p.oid))) AS powerful
     FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  // A role the server lacks: running the statement gives the server's own "role does not exist".
  if (rows.length === 0) return 'run';
  if (rows[0]!.admin) return 'already';
  return rows[0]!.powerful ? 'refused' : 'run';
}
