import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult } from '../../diff/rule.js';
import type { ExtensionFact, ExtensionInfo, ExtensionPayload } from './query.js';

type ExtensionChange = Change<ExtensionPayload, ExtensionFact['name'], ExtensionInfo>;

export const extensionName = (fact: ExtensionFact): string => quoteIdent(fact.name[0]);

/** A null version is the server's default, which UPDATE without TO installs. */
const versionSql = (fact: ExtensionFact) => (fact.payload.version === null ? '' : ` VERSION ${quoteLiteral(fact.payload.version)}`);

export const createExtension = (fact: ExtensionFact): Action[] => [
  action('extension', {
    sql: `CREATE EXTENSION ${extensionName(fact)} WITH SCHEMA ${quoteIdent(fact.payload.schema)}${versionSql(fact)};`,
    creates: [fact.id],
  }),
];

export const dropExtension = (fact: ExtensionFact): Action[] => [
  action('extension', {
    sql: `DROP EXTENSION ${extensionName(fact)};`,
    hazards: [{ kind: 'data-loss', message: `drops extension ${fact.name[0]} and every object it provides` }],
  }),
];

/** Only an extension that says it is relocatable can move to another schema; the others are made anew. */
export function moveExtension({ from, to }: ExtensionChange): AlterResult {
  if (!from.info.relocatable) return 'replace';
  return [action('extension', { sql: `ALTER EXTENSION ${extensionName(to)} SET SCHEMA ${quoteIdent(to.payload.schema)};`, alters: [to.id] })];
}

export function updateExtension({ to }: ExtensionChange): Action[] {
  const target = to.payload.version === null ? '' : ` TO ${quoteLiteral(to.payload.version)}`;
  return [action('extension', { sql: `ALTER EXTENSION ${extensionName(to)} UPDATE${target};`, alters: [to.id] })];
}
