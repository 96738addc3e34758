import type { Statement } from './split-statements.js';

/**
 * Names of the roles the statements grant to, hand objects to or name in policies, less those they
 * create themselves: a private shadow makes them first, since roles live outside any one schema.
 */
export function rolesNamed(statements: Statement[]): string[] {
  const named = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const spec = node as { roletype?: string; rolename?: unknown };
      if (spec.roletype === 'ROLESPEC_CSTRING' && typeof spec.rolename === 'string') named.add(spec.rolename);
      Object.values(node).forEach(visit);
    }
  };
  statements.forEach((s) => visit(s.node));
  for (const s of statements) if (s.type === 'CreateRoleStmt') named.delete(String(s.node.role));
  return [...named].sort();
}
