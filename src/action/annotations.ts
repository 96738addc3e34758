import { existsSync } from 'node:fs';
import path from 'node:path';
import { SchemaLoadError } from '../db/split-statements.js';

export interface Annotation {
  /** Relative to the workspace, as GitHub places annotations on a pull request's files. */
  file?: string;
  line?: number;
  col?: number;
  message: string;
}

const LOCATED = /^\s*(\S[^\n]*?):(\d+)(?::(\d+))?: ?(.*)$/;

/**
 * Where an error points: a schema file's statement (SchemaLoadError carries it), or the
 * `file:line[:column]: problem` lines that configuration and plan file errors are made of. A line
 * counts only when it names a file that exists, so `127.0.0.1:5432: …` stays plain text. Paths
 * in errors are absolute or relative to the process's directory; annotations want them relative
 * to the workspace. An error that points nowhere is one annotation without a file.
 */
export function annotationsOf(error: unknown, workspace: string): Annotation[] {
  const relative = (file: string) => path.relative(workspace, path.resolve(file)).split(path.sep).join('/');
  if (error instanceof SchemaLoadError) {
    return [{ file: relative(error.file), line: error.line, col: error.column, message: error.reason }];
  }
  const message = error instanceof Error ? error.message : String(error);
  const located: Annotation[] = [];
  for (const text of message.split('\n')) {
    const match = LOCATED.exec(text);
    if (!match || !existsSync(path.resolve(match[1]!))) continue;
    located.push({ file: relative(match[1]!), line: Number(match[2]), col: match[3] ? Number(match[3]) : undefined, message: match[4]! });
  }
  return located.length > 0 ? located : [{ message }];
}
