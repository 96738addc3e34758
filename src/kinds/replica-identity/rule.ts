import { qualify, quoteIdent } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { ReplicaIdentityFact, ReplicaIdentityPayload } from './query.js';

const tableOf = (fact: ReplicaIdentityFact) => qualify(fact.name[0], fact.name[1]);

function identitySql(fact: ReplicaIdentityFact): string {
  const { identity, index } = fact.payload;
  return identity === 'index' ? `USING INDEX ${quoteIdent(String(index))}` : identity.toUpperCase();
}

const identityTo = (fact: ReplicaIdentityFact, edge: Partial<Pick<Action, 'creates' | 'alters'>>): Action[] => [
  action('replica_identity', { sql: `ALTER TABLE ${tableOf(fact)} REPLICA IDENTITY ${identitySql(fact)};`, ...edge }),
];

export const setIdentity = (fact: ReplicaIdentityFact): Action[] => identityTo(fact, { creates: [fact.id] });

/** Without a fact the table has the default identity, so dropping the fact sets DEFAULT. */
export const resetIdentity = (fact: ReplicaIdentityFact): Action[] => [
  action('replica_identity', { sql: `ALTER TABLE ${tableOf(fact)} REPLICA IDENTITY DEFAULT;` }),
];

/** One statement sets the identity and its index, whichever changed. */
export const changeIdentity = ({ to }: Change<ReplicaIdentityPayload, ReplicaIdentityFact['name']>): Action[] =>
  identityTo(to, { alters: [to.id] });
