import { findDirectives } from '../db/declarations.js';
import { SchemaLoadError, type Statement } from '../db/split-statements.js';
import { keyOf } from './finding-sites.js';

/** `-- schema-bot: ignore <rule-id> <reason>` on the line above a declaration. */
const IGNORE = /^--\s*schema-bot:\s*ignore\b\s*(\S*)\s*(.*?)\s*$/;

export interface Ignore {
  rule: string;
  reason: string;
  /** The declaration it silences the rule for, as finding-sites keys it. */
  declaration: string;
  where: string;
}

/**
 * Every ignore comment of the schema files. One without a reason, naming no known rule, or
 * standing above nothing it can silence stops the lint with its place: a silenced finding must
 * say why, and a misspelt one must not silence nothing quietly.
 */
export function findIgnores(statements: Statement[], ruleIds: readonly string[]): Ignore[] {
  return findDirectives(statements, IGNORE, true).map(({ file, line, column, match, declared }) => {
    const fail = (reason: string): never => {
      throw new SchemaLoadError(file, line, column, reason);
    };
    const [, rule = '', reason = ''] = match;
    if (!ruleIds.includes(rule)) fail(`"${rule}" is not a lint rule (known: ${ruleIds.join(', ')})`);
    if (!reason) fail(`ignoring ${rule} needs a reason: -- schema-bot: ignore ${rule} <why this object is fine>`);
    if (!declared) fail('an ignore comment must stand on the line above the declaration it is about');
    return { rule, reason, declaration: keyOf(declared!), where: `${file}:${line}` };
  });
}
