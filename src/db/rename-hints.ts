import { findDirectives, unquote } from './declarations.js';
import { SchemaLoadError, type Statement } from './split-statements.js';

/**
 * `-- schema-bot: renamed from <old name>` on the line above a declaration: the object was called
 * <old name> before, so production's object is renamed instead of dropped and created anew.
 */
export interface RenameHint {
  file: string;
  line: number;
  /** The kind part of the fact id of the renamed object (`table`, `column`, `type`, …). */
  kind: string;
  /** The object's new name path, as its fact id writes it: [schema, table, column] for a column. */
  path: string[];
  /** The old last name part, or the old value when `member` is set. */
  from: string;
  /** For a renamed enum value: its new value (the type itself keeps `path`). */
  member?: string;
}

const HINT = /^--\s*schema-bot:\s*renamed from\s+(.+?)\s*$/;

/** Every rename hint in the files the statements came from. */
export function findRenameHints(statements: Statement[]): RenameHint[] {
  return findDirectives(statements, HINT).map(({ file, line, column, match, declared, aboveStatement }) => {
    const fail = (reason: string): never => {
      throw new SchemaLoadError(file, line, column, reason);
    };
    if (!aboveStatement) return fail('a rename hint must stand on the line above the declaration it renames');
    if (!declared) return fail('a rename hint must stand above a table, column, index, constraint, type, enum value or view');
    const old = oldName(match[1]!, declared.member !== undefined);
    if (old.schema && old.schema !== declared.path[0]) fail(`moving ${old.schema}.${old.name} to schema ${declared.path[0]} is not a rename`);
    return declared.member === undefined
      ? { file, line, kind: declared.kind, path: declared.path, from: old.name }
      : { file, line, kind: declared.kind, path: declared.path, from: old.name, member: declared.member };
  });
}

/** `"Old Name"`, `old_name`, `app.old_name` or, for an enum value, `'old value'`. */
function oldName(spec: string, literal: boolean): { schema?: string; name: string } {
  if (literal) return { name: spec.startsWith("'") ? unquote(spec) : spec };
  const parts = [...spec.matchAll(/"((?:[^"]|"")*)"|([^."\s]+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase()));
  return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1]! } : { name: parts[0] ?? spec };
}
