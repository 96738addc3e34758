/**
 * Postgres refuses new bounds that leave a sequence's current value outside them. Restarting at
 * the new start is the only way through, and a reviewer must see it: values may be handed out
 * again.
 */
export function restartOutsideBounds(current, options, name) {
    if (current === null || current === undefined)
        return { clauses: [], hazards: [] };
    const value = BigInt(String(current));
    if (value >= BigInt(String(options.min)) && value <= BigInt(String(options.max)))
        return { clauses: [], hazards: [] };
    return {
        clauses: [`RESTART WITH ${options.start}`],
        hazards: [{ kind: 'data-dependent', message: `restarts ${name} at ${options.start}: its value ${value} is outside the new bounds` }],
    };
}
//# sourceMappingURL=sequence-restart.js.map