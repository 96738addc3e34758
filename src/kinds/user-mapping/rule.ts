import { roleNames } from '../roles/query.js';
import { quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { RuleContext } from '../../diff/rule.js';
import { CURRENT_USER_MAPPING, PUBLIC_MAPPING, type UserMappingFact } from './query.js';

const KEYWORDS: Record<string, string> = { [PUBLIC_MAPPING]: 'PUBLIC', [CURRENT_USER_MAPPING]: 'CURRENT_USER' };
const roleOf = (fact: UserMappingFact) => KEYWORDS[fact.name[1]] ?? quoteIdent(fact.name[1]);
export const mappingOf = (fact: UserMappingFact) => `USER MAPPING FOR ${roleOf(fact)} SERVER ${quoteIdent(fact.name[0])}`;

/**
 * A mapping is created without its options: they hold credentials, which are read from no
 * database and never written into a plan. Stderr names the statement a person runs to set them,
 * with the keys where the reader could see them; a mapping for a role the cluster lacks is left out.
 */
export function createMapping(fact: UserMappingFact, ctx: RuleContext): Action[] {
  const role = fact.name[1];
  if (!(role in KEYWORDS) && !roleNames(ctx.source).includes(role)) {
    ctx.warn(`role ${quoteIdent(role)} does not exist on the database: left out ${mappingOf(fact).toLowerCase()}`);
    return [];
  }
  // A reader that is neither superuser nor the mapped user sees no options at all (pg_user_mappings).
  const keys = fact.info.optionKeys;
  const adds = keys.length ? keys.map((k) => `ADD ${quoteIdent(k)} '…'`).join(', ') : `ADD "user" '…', ADD password '…'`;
  ctx.warn(`${mappingOf(fact)} is created without options, which hold credentials: set those it needs by hand with ALTER ${mappingOf(fact)} OPTIONS (${adds});`);
  return [action('user_mapping', { sql: `CREATE ${mappingOf(fact)};`, creates: [fact.id] })];
}
