/**
 * The migration as a script psql runs as it is (`psql -v ON_ERROR_STOP=1 -f`): consecutive
 * transactional statements share one BEGIN/COMMIT so they land together or not at all; statements
 * Postgres refuses inside a transaction stand alone between them. Hazards precede their statement
 * as comments so a reviewer sees them where they apply; the caller may word those comments. Settings
 * a statement needs are made once, at the top, for the whole session.
 */
export function renderScript(actions, hazardComment = (h) => `-- hazard ${h.kind}: ${h.message}`) {
    if (actions.length === 0)
        return '';
    const lines = [...new Set(actions.flatMap((a) => a.settings))].map((setting) => `SET ${setting};`);
    let open = false;
    for (const a of actions) {
        if (a.transactional && !open) {
            lines.push('BEGIN;');
            open = true;
        }
        else if (!a.transactional && open) {
            lines.push('COMMIT;');
            open = false;
        }
        for (const h of a.hazards)
            lines.push(hazardComment(h));
        lines.push(a.sql);
    }
    if (open)
        lines.push('COMMIT;');
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=script.js.map