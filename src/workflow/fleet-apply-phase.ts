import { applyPlan } from '../apply/apply-plan.js';
import { databaseOf } from '../db/database-url.js';
import { HazardRefusedError } from '../engine/errors.js';
import { eachBounded } from '../fleet/each-bounded.js';
import { parseManifest, type FleetManifest } from '../fleet/fleet-manifest.js';
import { fleetProgress, heldBack, isApplied, type FleetProgress, type TargetProgress } from '../fleet/fleet-progress.js';
import { parsePlan, PlanFormatError, type Plan } from '../plan/plan-file.js';
import { redactText } from '../secrets/redact.js';
import type { RunContext, RunOutcome } from './context.js';
import { branchNameForPlan } from './branch-name-for-plan.js';
import { commentOnce } from './comment-once.js';
import { manifestPath } from './fleet-plan.js';
import { approvalGate, gateSettings, removePlan } from './merged-plan.js';
import { applySettings } from './run-settings.js';

type ApplyResult = Omit<RunOutcome, 'summary' | 'phase'>;

/**
 * A merged fleet plan on the default branch: applies it wave by wave, each target under its own
 * lock and ledger, `jobs` targets at a time. A wave starts only when every earlier one has
 * applied; a failure stops the later waves and says which target failed and why, and the next run
 * resumes from the ledgers. With `only`, applies that one target (a CI matrix job) and leaves
 * moving on to the run that collects. The plan directory is removed once every target has applied.
 */
export async function fleetApplyPhase(ctx: RunContext, manifestText: string, only?: string): Promise<ApplyResult> {
  const { config, forge, templates, log } = ctx;
  const manifest = parseManifest(manifestText, manifestPath(ctx));
  const id = manifest.plan;
  const mr = await forge.findMergeRequestByBranch(branchNameForPlan(config.branchPrefix, id));
  if (!mr) log(`no merge request found for ${id}; the result is only printed`);
  // Targets, waves and the bar are the default branch's before the merge, never the merge's own.
  const bar = await gateSettings(ctx, manifestPath(ctx));
  const plans = await mergedPlans(ctx, manifest);
  const progress = await fleetProgress(manifest, await ctx.resolveTargets(bar.targets), ctx.jobs);
  for (const t of progress.unplanned) log(`${t.name} is not in ${id}; a later run plans for it`);
  if (only !== undefined && !progress.planned.some((p) => p.target.name === only)) {
    throw new Error(`${only} is not a target of ${id}: ${manifestPath(ctx)} lists no file for it, or the settings before the merge have no such target`);
  }

  let destructive = false;
  const rehearsals = new Map<string, Promise<string>>();
  const applyTo = async (p: TargetProgress): Promise<void> => {
    const file = `${config.pendingDir}/${p.group.file}`;
    const plan = plans.get(p.group.file)!;
    const held = heldBack(p, progress, plan.sha256);
    if (held) throw new HeldBack(held);
    const outcome = await applyPlan({
      ...applySettings(ctx, bar),
      databaseUrl: p.target.url,
      database: databaseOf(p.target.url),
      rehearsals,
      plan,
      authorize: approvalGate(ctx, mr, bar, file, plan, () => (destructive = true)),
      log: (m) => log(`${p.target.name}: ${m}`),
    });
    log(`${p.target.name}: ${id} ${outcome}`);
    p.entry = { ...(p.entry ?? { steps_done: plan.steps.length, step_running: null, fingerprint_before_step: null, outcome }), file_sha256: plan.sha256, finished_at: new Date() };
  };

  for (const wave of waves(progress)) {
    const due = progress.planned.filter((p) => p.target.wave === wave && !isApplied(p) && (only === undefined || p.target.name === only));
    if (due.length === 0) continue;
    log(`wave ${wave}: applying ${id} to ${due.length} target(s)`);
    const results = await eachBounded(due, ctx.jobs, applyTo);
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ p: due[i]!, error: r.reason as Error }] : []));
    if (failed.length === 0) continue;
    const refused = failed.find((f) => f.error instanceof HazardRefusedError);
    if (refused) {
      log(refused.error.message);
      return { result: 'apply-refused', planId: id, mergeRequestUrl: mr?.url, destructive };
    }
    const later = progress.planned.filter((p) => p.target.wave > wave).length;
    const broken = failed.filter((f) => !(f.error instanceof HeldBack));
    if (broken.length === 0) {
      // Not a failure: a matrix job that started before its wave may (or a promotion not yet made).
      throw new FleetApplyError(`${id}: not applied to ${failed.map((f) => `${f.p.target.name} (${f.error.message})`).join('; ')}`);
    }
    const failures = broken.map((f) => ({ target: f.p.target.name, error: redactText(f.error.message) }));
    if (mr) await commentOnce(forge, mr, templates.comment('fleet-failed', { planId: id, wave, failures, later }));
    throw new FleetApplyError(`${id}: wave ${wave} failed on ${broken.length} of ${due.length} target(s), so ${later} target(s) of later waves were not started:\n${failures.map((f) => `  ${f.target}: ${f.error}`).join('\n')}`);
  }

  const left = progress.planned.filter((p) => !isApplied(p)).length;
  if (left > 0) {
    log(`${id}: ${left} target(s) left to apply; the next run goes on`);
    return { result: 'applied', planId: id, mergeRequestUrl: mr?.url, destructive };
  }
  const files = [manifestPath(ctx), ...manifest.groups.map((g) => `${config.pendingDir}/${g.file}`)];
  const cleanupUrl = await removePlan(ctx, id, config.pendingDir, files);
  if (mr) await commentOnce(forge, mr, templates.comment('fleet-applied', { planId: id, targets: progress.planned.length, files: manifest.groups.length, current: manifest.current.length, cleanupUrl, dir: config.pendingDir }));
  return { result: 'applied', planId: id, mergeRequestUrl: mr?.url, destructive };
}

/** A failure of some targets of a fleet plan; the message lists each with its reason. */
export class FleetApplyError extends Error {
  override name = 'FleetApplyError';
}

/** A target that may not run yet (an earlier wave, an environment it is promoted from). */
class HeldBack extends Error {
  override name = 'HeldBack';
}

const waves = (progress: FleetProgress) => [...new Set(progress.planned.map((p) => p.target.wave))].sort((a, b) => a - b);

/** Every group's plan file as merged, each checked against what the manifest says of it. */
async function mergedPlans(ctx: RunContext, manifest: FleetManifest): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  for (const g of manifest.groups) {
    const file = `${ctx.config.pendingDir}/${g.file}`;
    const text = await ctx.repo.show(`origin/${ctx.defaultBranch}`, file);
    if (text === undefined) throw new PlanFormatError(`${manifestPath(ctx)} lists ${g.file}, which is not on ${ctx.defaultBranch}`);
    const plan = await parsePlan(text, file);
    if (plan.header.id !== manifest.plan || plan.header.base !== g.base || plan.header.target !== g.target) {
      throw new PlanFormatError(`${file} is plan ${plan.header.id} from ${plan.header.base} to ${plan.header.target}, not what ${manifestPath(ctx)} says of it; nothing applied`);
    }
    plans.set(g.file, plan);
  }
  return plans;
}
