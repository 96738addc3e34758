import { fingerprint } from '../catalog/fingerprint.js';
import { computeMigration } from './compute-migration.js';
import { planId, renderPlan } from './plan-file.js';
/** Diffs production against schema/*.sql and writes the result as a plan file. */
export async function makePlan(req) {
    const migration = await computeMigration(req);
    const actions = req.transform ? req.transform(migration.actions, migration.source, migration.target) : migration.actions;
    const id = req.id ?? planId(req.now);
    if (actions.length === 0)
        return { id, actions, text: '' };
    const text = renderPlan({
        id,
        database: migration.database,
        base: fingerprint(migration.source),
        target: fingerprint(migration.target),
        source: req.source,
    }, actions);
    return { id, actions, text };
}
//# sourceMappingURL=make-plan.js.map