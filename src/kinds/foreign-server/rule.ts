import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import { alterOptionsClause, optionsClause } from '../common/foreign-options.js';
import type { ForeignServerFact, ForeignServerPayload } from './query.js';

export const nameOf = (fact: ForeignServerFact) => quoteIdent(fact.name[0]);
const versionOf = (fact: ForeignServerFact) => (fact.payload.version === null ? 'NULL' : quoteLiteral(fact.payload.version));

export function createServer(fact: ForeignServerFact): Action[] {
  const p = fact.payload;
  const type = p.type === null ? '' : ` TYPE ${quoteLiteral(p.type)}`;
  const version = p.version === null ? '' : ` VERSION ${versionOf(fact)}`;
  const sql = `CREATE SERVER ${nameOf(fact)}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(p.wrapper)}${optionsClause(p.options)};`;
  return [action('foreign_server', { sql, creates: [fact.id] })];
}

/** Version and options change in one ALTER SERVER, whichever changed. */
export function alterServer({ from, to, keys }: Change<ForeignServerPayload, ForeignServerFact['name']>): Action[] {
  const version = keys.includes('version') ? ` VERSION ${versionOf(to)}` : '';
  const options = alterOptionsClause(from.payload.options, to.payload.options);
  return [action('foreign_server', { sql: `ALTER SERVER ${nameOf(to)}${version}${options};`, alters: [to.id] })];
}
