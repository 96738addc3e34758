/**
 * Fills in the defaults a rule does not need to say: no hazards, transactional, no extra edges.
 * A statement outside any transaction is a hazard of its own, whatever the rule: it cannot roll
 * back with the statements around it.
 */
export function action(kind, spec) {
    const a = {
        kind,
        creates: [],
        destroys: [],
        alters: [],
        needs: [],
        releases: [],
        hazards: [],
        transactional: true,
        settings: [],
        ...spec,
    };
    if (a.transactional || a.hazards.some((h) => h.kind === 'non-transactional'))
        return a;
    const hazard = { kind: 'non-transactional', message: 'runs outside a transaction and does not roll back with the rest' };
    return { ...a, hazards: [...a.hazards, hazard] };
}
//# sourceMappingURL=action.js.map