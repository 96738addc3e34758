import { PUBLIC_GRANTEE } from '../../catalog/acl.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action, type Hazard } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult, RuleContext } from '../../diff/rule.js';
import { missingRoles, roleSql } from '../common/grant-statements.js';
import type { PolicyFact, PolicyPayload } from './query.js';

type PolicyName = PolicyFact['name'];

export const onTable = (fact: PolicyFact) => `${quoteIdent(fact.name[2])} ON ${qualify(fact.name[0], fact.name[1])}`;

const rolesSql = (roles: string[]) => roles.map((r) => (r === PUBLIC_GRANTEE ? 'PUBLIC' : roleSql(r))).join(', ');

/** A policy for roles the database lacks would apply to fewer roles than declared: it waits, with a warning. */
function lacksRoles(fact: PolicyFact, ctx: RuleContext): boolean {
  const missing = missingRoles(fact.payload.roles, ctx);
  for (const role of missing) ctx.warn(`role ${roleSql(role)} does not exist on the database: left out policy ${onTable(fact)}`);
  return missing.length > 0;
}

export const rowsLetThrough = (fact: PolicyFact): Hazard[] => [{ kind: 'authz-change', message: `changes which rows policy ${onTable(fact)} lets through` }];

export function createPolicy(fact: PolicyFact, ctx: RuleContext): Action[] {
  if (lacksRoles(fact, ctx)) return [];
  const p = fact.payload;
  let sql = `CREATE POLICY ${onTable(fact)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command}`;
  sql += ` TO ${rolesSql(p.roles)}`;
  if (p.using !== null) sql += ` USING (${p.using})`;
  if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
  return [action('policy', { sql: `${sql};`, creates: [fact.id], hazards: rowsLetThrough(fact) })];
}

/**
 * One ALTER POLICY sets roles and both expressions, whichever changed. ALTER POLICY can give an
 * expression but never take one away: a policy that loses USING or WITH CHECK is made anew.
 */
export function alterPolicy({ to, keys }: Change<PolicyPayload, PolicyName>, ctx: RuleContext): AlterResult {
  const p = to.payload;
  if ((keys.includes('using') && p.using === null) || (keys.includes('check') && p.check === null)) return 'replace';
  if (keys.includes('roles') && lacksRoles(to, ctx)) return [];
  let sql = `ALTER POLICY ${onTable(to)}`;
  if (keys.includes('roles')) sql += ` TO ${rolesSql(p.roles)}`;
  if (keys.includes('using')) sql += ` USING (${p.using})`;
  if (keys.includes('check')) sql += ` WITH CHECK (${p.check})`;
  return [action('policy', { sql: `${sql};`, alters: [to.id], hazards: rowsLetThrough(to) })];
}
