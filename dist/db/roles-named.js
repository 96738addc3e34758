/**
 * Names of the roles the statements grant to, hand objects to or name in policies, less those they
 * create themselves: a private shadow makes them first, since roles live outside any one schema.
 */
export function rolesNamed(statements) {
    const named = new Set();
    const visit = (node) => {
        if (Array.isArray(node))
            node.forEach(visit);
        else if (node !== null && typeof node === 'object') {
            const spec = node;
            if (spec.roletype === 'ROLESPEC_CSTRING' && typeof spec.rolename === 'string')
                named.add(spec.rolename);
            Object.values(node).forEach(visit);
        }
    };
    statements.forEach((s) => visit(s.node));
    for (const s of statements)
        if (s.type === 'CreateRoleStmt')
            named.delete(String(s.node.role));
    return [...named].sort();
}
//# sourceMappingURL=roles-named.js.map