/** What a statement does to its object, from what it creates and destroys rather than its SQL. */
function changeOf(a) {
    if (a.creates.length > 0 && a.destroys.length === 0)
        return 'create';
    if (a.destroys.length > 0 && a.creates.length === 0)
        return 'drop';
    if (a.alters.length > 0 || a.creates.length > 0)
        return 'alter';
    return 'other';
}
/** The templates' view of a freshly made plan. */
export function planView(plan, actions, file) {
    return {
        id: plan.id,
        base: plan.base,
        target: plan.target,
        source: plan.source,
        file,
        text: plan.text,
        statements: actions.map((a) => ({ sql: a.sql, kind: a.kind, change: changeOf(a), hazards: a.hazards, transactional: a.transactional })),
    };
}
//# sourceMappingURL=plan-view.js.map