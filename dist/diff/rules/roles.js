/** The list of roles is information for other rules; schema-bot never creates or drops a role. */
export const rolesRule = {
    kind: 'roles',
    objectRef: () => {
        throw new Error('the list of roles is not an object');
    },
    create: () => [],
    drop: () => [],
    alter: () => [],
};
//# sourceMappingURL=roles.js.map