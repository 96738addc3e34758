import type { Statement } from './split-statements.js';

interface RoleSpec { roletype?: string; rolename?: string; location?: number }
interface DefElem { defname?: string; location?: number; arg?: { List?: { items?: { RoleSpec?: RoleSpec }[] } } }

/**
 * A statement as the sandbox role would have meant it, where it names the shadow server's admin
 * user: pg_dump and people write the user who made the schema (`GRANT … TO postgres`,
 * `ALTER DEFAULT PRIVILEGES FOR ROLE postgres`), and in the shadow that user is the sandbox role,
 * the current user, whose grants and defaults the catalog reads as the owner's and nobody's in
 * particular. A grant to the admin becomes one to CURRENT_USER; a FOR ROLE naming only the admin
 * is blanked, so positions after it stay where they were.
 */
export function adminAsCurrentUser(s: Statement, adminUser: string): Statement {
  // Byte locations in the file: from `start` to the end of the role name at `name`, and its new text.
  const edits: { start: number; name: number; text: (old: string) => string }[] = [];
  const grantees = (list: unknown) => ((list as { RoleSpec?: RoleSpec }[] | undefined) ?? []).flatMap((g) => (g.RoleSpec ? [g.RoleSpec] : []));
  const toCurrentUser = (specs: RoleSpec[]) => {
    for (const r of specs) {
      if (r.roletype === 'ROLESPEC_CSTRING' && r.rolename === adminUser && r.location !== undefined) edits.push({ start: r.location, name: r.location, text: () => 'CURRENT_USER' });
    }
  };
  let node = s.node;
  if (s.type === 'GrantStmt') toCurrentUser(grantees(s.node.grantees));
  if (s.type === 'AlterDefaultPrivilegesStmt') {
    toCurrentUser(grantees((s.node.action as { GrantStmt?: { grantees?: unknown } } | undefined)?.GrantStmt?.grantees));
    const options = (s.node.options as { DefElem?: DefElem }[] | undefined) ?? [];
    const roles = options.find((o) => o.DefElem?.defname === 'roles')?.DefElem;
    const items = roles?.arg?.List?.items ?? [];
    const only = items[0]?.RoleSpec;
    if (items.length === 1 && only?.rolename === adminUser && roles?.location !== undefined && only.location !== undefined) {
      edits.push({ start: roles.location, name: only.location, text: (old) => ' '.repeat(old.length) });
      node = { ...s.node, options: options.filter((o) => o.DefElem !== roles) };
    }
  }
  if (edits.length === 0) return s;
  const bytes = Buffer.from(s.source, 'utf8');
  const position = (byte: number) => bytes.subarray(0, byte).toString('utf8').length - s.offset;
  let sql = s.sql;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    const start = position(edit.start);
    const name = position(edit.name);
    const end = name + /^(?:"(?:[^"]|"")*"|[^\s,;()]+)/.exec(sql.slice(name))![0].length;
    sql = sql.slice(0, start) + edit.text(sql.slice(start, end)) + sql.slice(end);
  }
  return { ...s, sql, node };
}
