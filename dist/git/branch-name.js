/** `change-schema-20261124T050607Z`: the prefix and the UTC time, sortable and free of characters git refuses. */
export function botBranchName(prefix, now) {
    return `${prefix}${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}
//# sourceMappingURL=branch-name.js.map