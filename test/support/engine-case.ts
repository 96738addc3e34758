import { expect } from 'vitest';
import { converge, type ShadowKind } from './converge.js';
import { statementKinds } from './statement-kinds.js';

/**
 * One table-driven engine case: the schema before and after, and the kinds of statement the
 * migration between them is made of (see statementKinds), so a change meant in place cannot pass
 * as a drop and a create, nor a replacement as an ALTER.
 */
export type EngineCase = [name: string, from: string, to: string, statements: string[]];

/** The test of an engine case through `shadow`: the migration has exactly the kinds it names, and converges. */
export function convergesThrough(shadow: ShadowKind) {
  return async (...[, from, to, statements]: EngineCase): Promise<void> => {
    const result = await converge(from, to, shadow);
    expect(await statementKinds(result.migration)).toEqual(statements);
    expect(result.remaining).toBe('');
  };
}
