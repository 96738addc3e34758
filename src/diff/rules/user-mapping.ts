import type { Fact } from '../../catalog/fact.js';
import { roleNames } from '../../kinds/roles/query.js';
import { CURRENT_USER_MAPPING, PUBLIC_MAPPING } from '../../catalog/kinds/user-mappings.js';
import { quoteIdent } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule, RuleContext } from '../rule.js';

const KEYWORDS: Record<string, string> = { [PUBLIC_MAPPING]: 'PUBLIC', [CURRENT_USER_MAPPING]: 'CURRENT_USER' };
const roleOf = (fact: Fact) => KEYWORDS[fact.name[1]!] ?? quoteIdent(fact.name[1]!);
const mappingOf = (fact: Fact) => `USER MAPPING FOR ${roleOf(fact)} SERVER ${quoteIdent(fact.name[0]!)}`;

/**
 * A mapping is created without its options: they hold credentials, which are read from no
 * database and never written into a plan. Stderr names the statement a person runs to set them,
 * with the keys where the reader could see them; a mapping for a role the cluster lacks is left out.
 */
function createMapping(fact: Fact, ctx: RuleContext) {
  if (!(fact.name[1]! in KEYWORDS) && !roleNames(ctx.source).includes(fact.name[1]!)) {
    ctx.warn(`role ${quoteIdent(fact.name[1]!)} does not exist on the database: left out ${mappingOf(fact).toLowerCase()}`);
    return [];
  }
  // A reader that is neither superuser nor the mapped user sees no options at all (pg_user_mappings).
  const keys = fact.info.optionKeys as string[];
  const adds = keys.length ? keys.map((k) => `ADD ${quoteIdent(k)} '…'`).join(', ') : `ADD "user" '…', ADD password '…'`;
  ctx.warn(`${mappingOf(fact)} is created without options, which hold credentials: set those it needs by hand with ALTER ${mappingOf(fact)} OPTIONS (${adds});`);
  return [action('user_mapping', { sql: `CREATE ${mappingOf(fact)};`, creates: [fact.id] })];
}

/** Dropping a mapping loses the credentials it holds in the database: making it again needs them by hand. */
export const userMappingRule: Rule = {
  kind: 'user_mapping',
  objectRef: mappingOf,
  create: createMapping,
  drop: (fact) => [
    action('user_mapping', {
      sql: `DROP ${mappingOf(fact)};`,
      hazards: [{ kind: 'breaking-change', message: 'the credentials in its options are lost; making it again needs them set by hand' }],
    }),
  ],
  // Its payload is empty: a mapping is there or not.
  alter: () => [],
};
