import { exitCodeOf } from '../app/exit-codes.js';
import { codeBlock } from '../templates/render.js';
import { actionOutputs, type ActionResult } from './action-result.js';

/**
 * A command that threw: the exit code the CLI would give (3 drift, 4 not converging, 5 refused, …),
 * and a summary with the error and, when it carries SQL (the drift, what still differs), that SQL.
 */
export function failureResult(command: string, error: unknown): ActionResult {
  const message = error instanceof Error ? error.message : String(error);
  const sql = (error as { sql?: string } | undefined)?.sql;
  const summary = [`### schema-bot ${command} failed`, '', codeBlock('text', message), ...(sql ? ['', codeBlock('sql', sql)] : []), ''].join('\n');
  return { summary, exitCode: exitCodeOf(error), outputs: actionOutputs({ hasChanges: false, destructive: false, result: 'failed' }) };
}
