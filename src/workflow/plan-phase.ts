import type { MergeRequest } from '../forge/forge.js';
import { planId } from '../plan/plan-file.js';
import { BOT_MARKER, readPlanMarker } from '../templates/render.js';
import type { FleetView, PlanView } from '../templates/plan-view.js';
import { refreshApprovalStatus } from './approvals.js';
import type { RunContext, RunOutcome } from './context.js';
import { publishPlan } from './publish-plan.js';
import { commentOnce } from './comment-once.js';
import type { PlanKind } from './plan-kind.js';
import { filesOf, sameChange, sameFiles } from './planned-files.js';

type PlanResult = Omit<RunOutcome, 'summary' | 'phase'> & { view?: PlanView; fleet?: FleetView };

/**
 * Diffs production (one database, or every target of a fleet: `kind`) against schema/*.sql of the
 * checkout and keeps the one bot merge request in step: opened for a new plan, updated for a
 * changed one, left alone for the same one or when a person committed to its branch, closed when
 * nothing is left to do.
 */
export async function planPhase(ctx: RunContext, kind: PlanKind): Promise<PlanResult> {
  const { config, forge, repo, templates } = ctx;
  const found = await forge.findOpenBotMergeRequest(config.branchPrefix, BOT_MARKER);
  const foundPlan = found ? await kind.onBranch(found.branch) : undefined;
  const foundId = foundPlan?.id ?? (found && readPlanMarker(found.body)?.id);
  const applied = foundId !== undefined && (await kind.applied(foundId));
  if (found && applied) await closeApplied(ctx, found, foundId!);
  const open = applied ? undefined : found;
  const current = applied ? undefined : foundPlan;
  const made = await kind.make((open && foundId) || (await unusedPlanId(ctx, kind)));

  if (!made) {
    if (!open) return { result: 'nothing to do', destructive: false };
    await forge.comment(open, templates.comment('closed', { reason: `${kind.where} already matches \`schema/*.sql\`; nothing is left to apply.` }));
    await forge.closeMergeRequest(open);
    await forge.deleteBranch(open.branch);
    return { result: 'closed', planId: current?.id, mergeRequestUrl: open.url, destructive: false };
  }

  const { destructive, view } = made;
  const outcome = { planId: made.id, destructive, view, fleet: made.fleet };
  if (open && current && sameFiles(current, made)) {
    // Approvals may have come in since the last run.
    await refreshApprovalStatus(forge, config, open, open.headSha, destructive);
    return { ...outcome, result: 'unchanged', mergeRequestUrl: open.url };
  }
  if (open) {
    const others = await repo.commitsByOthers(open.branch, ctx.defaultBranch);
    if (others.length > 0) {
      // A reviewer's edit of the same change (a backfill, another order) is the plan now: check
      // proves it. Only a plan for another schema is worth telling them about.
      if (!(current && sameChange(current, made))) {
        const commits = others.map((c) => ({ sha: c.sha.slice(0, 12), author: c.author.name, subject: c.subject }));
        const file = [...made.plans.keys()].join(', ');
        await commentOnce(forge, open, templates.comment('kept-commits', { branch: open.branch, file, commits }));
      }
      return { ...outcome, result: 'kept-commits', mergeRequestUrl: open.url };
    }
  }

  const published = await publishPlan(ctx, open, { id: made.id, files: filesOf(made), view, destructive, fleet: made.fleet });
  return { ...outcome, ...published };
}

/**
 * A merge request whose plan is in the ledger is done, whatever its host says (a squash merge
 * seen as open, a plan applied by hand): its id is never planned again, so it is closed.
 */
async function closeApplied(ctx: RunContext, mr: MergeRequest, id: string): Promise<void> {
  ctx.log(`${id} is in the ledger: ${mr.url} is done; a new plan gets a new id`);
  await ctx.forge.comment(mr, ctx.templates.comment('closed', { reason: `its plan \`${id}\` has been applied; a later change gets a merge request of its own.` }));
  await ctx.forge.closeMergeRequest(mr);
}

/** A fresh plan id from the clock that no ledger holds: an id once applied is never reused. */
async function unusedPlanId(ctx: RunContext, kind: PlanKind): Promise<string> {
  for (let at = ctx.now.getTime(); ; at += 1000) {
    const id = planId(new Date(at));
    if (!(await kind.applied(id))) return id;
  }
}
