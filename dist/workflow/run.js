import { applyPhase } from './apply-phase.js';
import { planPhase } from './plan-phase.js';
/**
 * `schema-bot run`: a plan file on the default branch means a merge request was merged, so it is
 * applied; otherwise production is diffed against schema/*.sql and the bot merge request kept in
 * step. What to do is read from the remote each time, never from local state.
 */
export async function runWorkflow(ctx) {
    await ctx.repo.fetch(ctx.defaultBranch);
    const merged = await ctx.repo.show(`origin/${ctx.defaultBranch}`, ctx.config.pendingFile);
    let superseded;
    if (merged !== undefined) {
        const result = await applyPhase(ctx, merged);
        if (result.result !== 'superseded') {
            const outcome = result.result === 'applied' ? `${result.planId} applied` : `${result.planId} refused: it deletes data and lacks approvals`;
            const summary = ctx.templates.summary({ command: 'run (apply)', destructive: result.destructive, mergeRequestUrl: result.mergeRequestUrl, outcome });
            return { phase: 'apply', ...result, summary };
        }
        superseded = result.planId;
    }
    const { view, ...result } = await planPhase(ctx);
    const outcome = superseded ? `${result.result}; ${superseded} was not applied because production changed since it was planned` : result.result;
    const summary = ctx.templates.summary({ command: 'run (plan)', plan: view, destructive: result.destructive, mergeRequestUrl: result.mergeRequestUrl, outcome });
    return { phase: 'plan', ...result, superseded, summary };
}
//# sourceMappingURL=run.js.map