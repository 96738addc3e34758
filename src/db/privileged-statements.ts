import type { Queryable } from '../catalog/queryable.js';
import type { Statement } from './split-statements.js';

/**
 * Declarative statements that owning the shadow database is not enough for: creating an extension
 * that is not marked trusted, an event trigger, default privileges for another role, handing an
 * object to another role. The sandbox role cannot run them, and is not made a member of real roles
 * (a member of a role that owns another database could drop it); the shadow's admin session runs
 * them instead, after the sandbox has loaded everything else (see loadSchema).
 */
export function needsAdmin(s: Statement): boolean {
  switch (s.type) {
    case 'CreateExtensionStmt':
    case 'CreateEventTrigStmt':
    case 'AlterEventTrigStmt':
      return true;
    // pg_dump comments on every extension it dumps, which only the extension's owner may.
    case 'CommentStmt':
      return s.node.objtype === 'OBJECT_EXTENSION';
    case 'AlterDefaultPrivilegesStmt':
      return ((s.node.options as { DefElem?: { defname?: string } }[] | undefined) ?? []).some((o) => o.DefElem?.defname === 'roles');
    default:
      return newOwner(s) !== undefined;
  }
}

/** Event triggers fire on DDL: made last, once the admin session has nothing left to run. */
export const runsLast = (s: Statement) => s.type === 'CreateEventTrigStmt' || s.type === 'AlterEventTrigStmt';

interface RoleSpec { roletype?: string; rolename?: string }

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

interface DefElem { defname?: string; location?: number; arg?: { List?: { items?: { RoleSpec?: RoleSpec & { location?: number } }[] } } }

/**
 * `ALTER DEFAULT PRIVILEGES FOR ROLE <admin> …`, as pg_dump writes it for the user who ran it, made
 * the sandbox role's own: in the shadow the sandbox is the current user that the admin was where
 * the dump was taken, and the catalog reads the current user's defaults as nobody's in particular.
 * The clause is blanked rather than cut, so positions in the statement stay where they were.
 */
export function defaultsOfCurrentUser(s: Statement, adminUser: string): Statement {
  if (s.type !== 'AlterDefaultPrivilegesStmt') return s;
  const options = (s.node.options as { DefElem?: DefElem }[] | undefined) ?? [];
  const roles = options.find((o) => o.DefElem?.defname === 'roles')?.DefElem;
  const items = roles?.arg?.List?.items ?? [];
  const spec = items[0]?.RoleSpec;
  if (items.length !== 1 || spec?.rolename !== adminUser || roles?.location === undefined || spec.location === undefined) return s;
  const charAt = (byte: number) => Buffer.from(s.source, 'utf8').subarray(0, byte).toString('utf8').length;
  const start = charAt(roles.location) - s.offset;
  const nameStart = charAt(spec.location) - s.offset;
  const name = /^(?:"(?:[^"]|"")*"|[^\s,;()]+)/.exec(s.sql.slice(nameStart))![0];
  const end = nameStart + name.length;
  return {
    ...s,
    sql: s.sql.slice(0, start) + ' '.repeat(end - start) + s.sql.slice(end),
    node: { ...s.node, options: options.filter((o) => o.DefElem !== roles) },
  };
}
