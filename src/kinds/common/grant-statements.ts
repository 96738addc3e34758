import { LEVEL_RANK, OWNER_GRANTEE, PUBLIC_GRANTEE, type AclEntry, type GrantLevel } from '../../catalog/acl.js';
import type { RuleContext } from '../../diff/rule.js';
import { roleNames, ROLES_FACT } from '../roles/query.js';

/** How one set of grants is written: `GRANT <privileges> <on> TO …`, after `prefix` if any. */
export interface GrantTarget {
  /** `ON TABLE public.t`, `ON TABLES`. */
  on: string;
  /** `ALTER DEFAULT PRIVILEGES IN SCHEMA s `. */
  prefix?: string;
  /** A privilege as the statement names it; a column's adds the column: `SELECT (a)`. */
  privilege?: (privilege: string) => string;
  /** The owner as a grantee: a role name, or CURRENT_USER for what the migration itself creates. */
  owner: string;
  /** What the statements are about, for warnings. */
  about: string;
}

type Step = 'grant' | 'grant option' | 'revoke grant option' | 'revoke';

function stepBetween(from: GrantLevel, to: GrantLevel): Step | undefined {
  if (from === to) return undefined;
  if (to === 'none') return 'revoke';
  if (to === 'grantable') return 'grant option';
  return LEVEL_RANK[from] > LEVEL_RANK[to] ? 'revoke grant option' : 'grant';
}

/** Role fact ids the database does not have; none when the catalog does not list its roles. */
export function missingRoles(roleIds: string[], ctx: RuleContext): string[] {
  if (!ctx.source.has(ROLES_FACT)) return [];
  const known = new Set(roleNames(ctx.source).map((n) => `role:${n}`));
  return roleIds.filter((id) => id.startsWith('role:') && !known.has(id));
}

/** `role:"Ann"` → `"Ann"`: the fact id already quotes the name. */
export const roleSql = (id: string): string => id.slice('role:'.length);

/**
 * GRANT and REVOKE statements that take the privileges `from` one set of differences from the
 * default to another. A grantee that ends up with none of a kind's rights loses them with one
 * REVOKE ALL, which also takes rights that only a newer server lists (MAINTAIN). Grants to roles
 * the database does not have are left out with a warning.
 */
export function grantStatements(from: AclEntry[], to: AclEntry[], target: GrantTarget, ctx: RuleContext): string[] {
  const key = (e: AclEntry) => `${e.grantee}\t${e.privilege}`;
  const before = new Map(from.map((e) => [key(e), e]));
  const after = new Map(to.map((e) => [key(e), e]));
  const steps = new Map<string, Map<Step, string[]>>();
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(k);
    const will = after.get(k);
    const entry = (will ?? was)!;
    const step = stepBetween(was?.level ?? will!.default, will?.level ?? was!.default);
    if (!step) continue;
    const byStep = steps.get(entry.grantee) ?? new Map<Step, string[]>();
    byStep.set(step, [...(byStep.get(step) ?? []), entry.privilege]);
    steps.set(entry.grantee, byStep);
  }
  const missing = new Set(missingRoles([...steps.keys()], ctx));
  for (const role of missing) ctx.warn(`role ${roleSql(role)} does not exist on the database: left out its privileges on ${target.about}`);

  const write = target.privilege ?? ((p: string) => p);
  const prefix = target.prefix ?? '';
  const statements: string[] = [];
  for (const [grantee, byStep] of steps) {
    if (missing.has(grantee)) continue;
    const who = grantee === PUBLIC_GRANTEE ? 'PUBLIC' : grantee === OWNER_GRANTEE ? target.owner : roleSql(grantee);
    const revokesAll = grantee !== OWNER_GRANTEE && !to.some((e) => e.grantee === grantee) &&
      from.every((e) => e.grantee !== grantee || e.default === 'none');
    for (const [step, privileges] of byStep) {
      const list = step === 'revoke' && revokesAll ? write('ALL') : privileges.map(write).join(', ');
      if (step === 'grant') statements.push(`${prefix}GRANT ${list} ${target.on} TO ${who};`);
      if (step === 'grant option') statements.push(`${prefix}GRANT ${list} ${target.on} TO ${who} WITH GRANT OPTION;`);
      if (step === 'revoke grant option') statements.push(`${prefix}REVOKE GRANT OPTION FOR ${list} ${target.on} FROM ${who};`);
      if (step === 'revoke') statements.push(`${prefix}REVOKE ${list} ${target.on} FROM ${who};`);
    }
  }
  return statements;
}
