import type { Fact } from '../../catalog/fact.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action } from '../action.js';
import type { Rule } from '../rule.js';
import { alterOptionsClause, optionsClause, type Options } from './foreign-options.js';

const nameOf = (fact: Fact) => quoteIdent(fact.name[0]!);
const versionOf = (fact: Fact) => (fact.payload.version === null ? 'NULL' : quoteLiteral(String(fact.payload.version)));

function createServer(fact: Fact) {
  const p = fact.payload;
  const type = p.type === null ? '' : ` TYPE ${quoteLiteral(String(p.type))}`;
  const version = p.version === null ? '' : ` VERSION ${versionOf(fact)}`;
  const sql = `CREATE SERVER ${nameOf(fact)}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(String(p.wrapper))}${optionsClause(p.options as Options)};`;
  return [action('foreign_server', { sql, creates: [fact.id] })];
}

/** Version and options change in place; another wrapper or type is a new server. */
export const foreignServerRule: Rule = {
  kind: 'foreign_server',
  objectRef: (fact) => `SERVER ${nameOf(fact)}`,
  create: createServer,
  drop: (fact) => [action('foreign_server', { sql: `DROP SERVER ${nameOf(fact)};` })],
  alter: ({ from, to, keys }) => {
    if (keys.includes('wrapper') || keys.includes('type')) return 'replace';
    const version = keys.includes('version') ? ` VERSION ${versionOf(to)}` : '';
    const options = alterOptionsClause(from.payload.options as Options, to.payload.options as Options);
    return [action('foreign_server', { sql: `ALTER SERVER ${nameOf(to)}${version}${options};`, alters: [to.id] })];
  },
};
