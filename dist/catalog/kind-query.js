export function objectRef(classid, objid, objsubid = 0) {
    return `${classid}:${objid}:${objsubid}`;
}
//# sourceMappingURL=kind-query.js.map