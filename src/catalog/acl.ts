import { factId } from './fact-id.js';

/** How far a grantee holds one privilege. */
export type GrantLevel = 'none' | 'granted' | 'grantable';

/**
 * One privilege of one grantee that differs from what PostgreSQL gives by default. `grantee` is
 * `PUBLIC`, `OWNER` (whoever owns the object: owner names differ between environments, the
 * owner's rights do not) or a role's fact id (`role:app_user`).
 */
export type AclEntry = {
  grantee: string;
  privilege: string;
  level: GrantLevel;
  default: GrantLevel;
};

export const PUBLIC_GRANTEE = 'PUBLIC';
export const OWNER_GRANTEE = 'OWNER';

/** One aclitem as `aclexplode` reads it; `role` is null for PUBLIC. */
export interface AclItem {
  role: string | null;
  owner: boolean;
  privilege: string;
  grantable: boolean;
}

/** Every privilege an object of `type` (acldefault's letter) can carry: its owner's by default. */
export function allPrivileges(type: string, owner: string): string {
  return `COALESCE((SELECT json_agg(e.privilege_type)
    FROM pg_catalog.aclexplode(pg_catalog.acldefault(${type}, ${owner})) e), '[]')`;
}

/** A JSON array of the aclitems of `acl` (an aclitem[] expression) for an object owned by `owner`. */
export function aclItems(acl: string, owner: string): string {
  return `COALESCE((SELECT json_agg(json_build_object(
      'role', CASE WHEN e.grantee <> 0 THEN pg_catalog.pg_get_userbyid(e.grantee) END,
      'owner', e.grantee = ${owner}, 'privilege', e.privilege_type, 'grantable', e.is_grantable))
    FROM pg_catalog.aclexplode(${acl}) e), '[]')`;
}

/** Orders levels: a grant with grant option holds more than a plain one. */
export const LEVEL_RANK: Record<GrantLevel, number> = { none: 0, granted: 1, grantable: 2 };

/** Several grantors may give one grantee the same privilege: the strongest grant counts. */
function levels(items: AclItem[]): Map<string, GrantLevel> {
  const out = new Map<string, GrantLevel>();
  for (const item of items) {
    const grantee = item.owner ? OWNER_GRANTEE : item.role === null ? PUBLIC_GRANTEE : factId('role', item.role);
    const key = `${grantee}\t${item.privilege}`;
    const level: GrantLevel = item.grantable ? 'grantable' : 'granted';
    if (LEVEL_RANK[level] > LEVEL_RANK[out.get(key) ?? 'none']) out.set(key, level);
  }
  return out;
}

/**
 * What an ACL grants beyond or withholds from its default, as a sorted list. PostgreSQL 17 added
 * MAINTAIN, which `GRANT ALL` gives along with the rest: a MAINTAIN that goes with all of a
 * grantee's other table rights is left out, so the same schema reads the same on 15 and on 18.
 */
export function aclDifference(actual: AclItem[], defaults: AclItem[], all: string[]): AclEntry[] {
  // Most objects carry no ACL of their own: their actual list is the very default one.
  if (actual === defaults) return [];
  const have = levels(actual);
  const standard = levels(defaults);
  const entries: AclEntry[] = [];
  for (const key of new Set([...have.keys(), ...standard.keys()])) {
    const [grantee, privilege] = key.split('\t') as [string, string];
    const level = have.get(key) ?? 'none';
    const byDefault = standard.get(key) ?? 'none';
    if (level !== byDefault) entries.push({ grantee, privilege, level, default: byDefault });
  }
  const withAllOthers = (e: AclEntry) => all.every((p) => (have.get(`${e.grantee}\t${p}`) ?? 'none') === e.level);
  return entries
    .filter((e) => e.privilege !== 'MAINTAIN' || !withAllOthers(e))
    .sort((a, b) => (a.grantee + a.privilege < b.grantee + b.privilege ? -1 : a.grantee + a.privilege > b.grantee + b.privilege ? 1 : 0));
}
