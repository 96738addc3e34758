import { parsePlan } from '../plan/plan-file.js';
/** The plan file on a remote branch as it is now, or undefined when it is missing or not a plan. */
export async function branchPlan(repo, branch, file, log) {
    await repo.fetch(branch);
    const text = await repo.show(`origin/${branch}`, file);
    if (text === undefined)
        return undefined;
    return parsePlan(text, `${branch}:${file}`).catch((error) => {
        log(`${branch}:${file} is not a plan the bot can read (${error.message}); it will be replaced`);
        return undefined;
    });
}
/**
 * Whether two plans do the same: the same fingerprints and the same statements. The id and the
 * source commit do not count, so a push that leaves the schema alone changes nothing.
 */
export function samePlan(a, b) {
    const statements = (p) => JSON.stringify(p.steps);
    return a.header.base === b.header.base && a.header.target === b.header.target && statements(a) === statements(b);
}
//# sourceMappingURL=branch-plan.js.map