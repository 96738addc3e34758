import { forEachNode } from './parse-tree.js';
import type { Statement } from './split-statements.js';

/**
 * Names of the roles the statements grant to, hand objects to or name in policies, less those they
 * create themselves: a private shadow makes them first, since roles live outside any one schema.
 */
export function rolesNamed(statements: Statement[]): string[] {
  const named = new Set<string>();
  forEachNode(statements, (node) => {
    if (node.roletype === 'ROLESPEC_CSTRING' && typeof node.rolename === 'string') named.add(node.rolename);
  });
  for (const s of statements) if (s.type === 'CreateRoleStmt') named.delete(String(s.node.role));
  return [...named].sort();
}
