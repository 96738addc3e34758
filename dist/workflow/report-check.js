import path from 'node:path';
import { checkPlan } from '../plan/check-plan.js';
import { loadPlan } from '../plan/plan-file.js';
import { BOT_MARKER } from '../templates/render.js';
import { refreshApprovalStatus } from './approvals.js';
import { schemaPaths } from './schema-paths.js';
export const CHECK_STATUS = 'schema-bot/check';
/**
 * `schema-bot check --report` in a merge request pipeline: proves the checked-out plan file (a
 * reviewer's edits included) and reports the verdict as a commit status on the checked-out commit
 * and a comment on the open bot merge request, with the approval status brought up to date.
 * A failed check still fails: its error is thrown once reported.
 */
export async function reportCheck(ctx, planFile) {
    const { config, forge, repo, templates, log } = ctx;
    const head = await repo.resolve('HEAD');
    if (!head)
        throw new Error(`${repo.dir} has no commit checked out`);
    let plan;
    let failure;
    try {
        plan = await loadPlan(path.resolve(repo.dir, planFile));
        await checkPlan({
            databaseUrl: ctx.databaseUrl,
            shadowUrl: ctx.shadowUrl,
            plan,
            schemaPath: schemaPaths(ctx),
            log,
        });
    }
    catch (error) {
        failure = error;
    }
    await forge.setCommitStatus(head, {
        context: CHECK_STATUS,
        state: failure ? 'failure' : 'success',
        description: failure ? failure.message : `${plan.header.id} turns production into schema/*.sql`,
    });
    const mr = await forge.findOpenBotMergeRequest(config.branchPrefix, BOT_MARKER);
    if (mr) {
        await forge.comment(mr, templates.comment('check', { ok: !failure, problems: failure ? [failure.message] : [], file: planFile, source: head }));
        if (plan)
            await refreshApprovalStatus(forge, config, mr, head, plan.hazardKinds.has('data-loss'));
    }
    else {
        log('no open bot merge request to comment on; only the commit status was set');
    }
    if (failure)
        throw failure;
}
//# sourceMappingURL=report-check.js.map