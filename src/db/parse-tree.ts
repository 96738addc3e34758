import type { Statement } from './split-statements.js';

/** Calls `visit` on every object node of the statements' parse trees, outermost first. */
export function forEachNode(statements: Statement[], visit: (node: Record<string, unknown>) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      visit(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  statements.forEach((s) => walk(s.node));
}
