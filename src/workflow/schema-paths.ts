import path from 'node:path';
import type { RunContext } from './context.js';

/** The configured schema paths, taken relative to the checkout rather than the process's directory. */
export function schemaPaths(ctx: Pick<RunContext, 'config' | 'repo'>): string[] {
  return ctx.config.schema.map((p) => path.resolve(ctx.repo.dir, p));
}
