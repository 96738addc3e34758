import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/options.js';
import { MANIFEST_FILE, parseManifest } from '../fleet/fleet-manifest.js';
import type { MergeRequest } from '../forge/forge.js';
import { checkPlan } from '../apply/check-plan.js';
import type { Gate } from '../plan/gate.js';
import { loadPlan, type Plan } from '../plan/plan-file.js';
import { BOT_MARKER } from '../templates/render.js';
import { refreshApprovalStatus } from './approvals.js';
import type { RunContext } from './context.js';
import { lockWaits } from './lock-waits.js';
import { singleDatabase } from './single-database.js';
import { schemaPaths } from './schema-paths.js';

export const CHECK_STATUS = 'schema-bot/check';

type Proven = { plan: Plan; gate: Gate };

/** The checkout's plan file proven against the one database. */
async function proveOne(ctx: RunContext, bar: Config, planFile: string): Promise<Proven> {
  const plan = await loadPlan(path.resolve(ctx.repo.dir, planFile));
  return { plan, gate: await proveAgainst(ctx, bar, plan, singleDatabase(ctx)) };
}

function proveAgainst(ctx: RunContext, bar: Config, plan: Plan, databaseUrl: string): Promise<Gate> {
  return checkPlan({ databaseUrl, shadowUrl: ctx.shadowUrl, plan, schemaPath: schemaPaths(ctx), lockWaits: lockWaits(ctx), gated: bar.gated, probeMaxRows: bar.probeMaxRows, log: ctx.log });
}

/**
 * A fleet's plan files proven each against the first database of its group that the target
 * branch's settings still list: that database must still have the file's base, and the file as
 * written must reach the schema there. Every file is proven; the failures are reported together.
 * The plan returned is the first file's, the gate the one that needs approval if any does.
 */
async function proveFleet(ctx: RunContext, bar: Config, manifestFile: string): Promise<Proven> {
  const manifest = parseManifest(await readFile(path.resolve(ctx.repo.dir, manifestFile), 'utf8'), manifestFile);
  const targets = await ctx.resolveTargets(bar.targets);
  const proven: Proven[] = [];
  const problems: string[] = [];
  for (const group of manifest.groups) {
    const file = path.join(path.dirname(manifestFile), group.file);
    const target = targets.find((t) => group.targets.includes(t.name));
    try {
      if (!target) throw new Error(`no target of ${group.file} is in the settings of ${ctx.defaultBranch}`);
      const plan = await loadPlan(path.resolve(ctx.repo.dir, file));
      proven.push({ plan, gate: await proveAgainst(ctx, bar, plan, target.url) });
      ctx.log(`${file}: proven on ${target.name}`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  if (proven.length === 0) throw new Error(`${manifestFile} lists no plan file`);
  return proven.find((p) => p.gate.needsApproval) ?? proven[0]!;
}

/**
 * `schema-bot check --report` in a merge request pipeline: proves the checked-out plan file (a
 * reviewer's edits included) and reports the verdict as a commit status on the checked-out commit
 * and a comment on the open bot merge request, with the approval status brought up to date.
 * A failed check still fails: its error is thrown once reported. `statusSha` is the commit the
 * verdict belongs to when the checkout is another one (GitHub checks out a pull request's merge
 * commit, but its statuses are shown on its head). Returns the merge request commented on, the
 * plan and its gate.
 */
export async function reportCheck(ctx: RunContext, planFile: string, statusSha?: string): Promise<{ mr: MergeRequest | undefined; plan: Plan; gate: Gate }> {
  const { config, forge, repo, templates, log } = ctx;
  const head = statusSha ?? (await repo.resolve('HEAD'));
  if (!head) throw new Error(`${repo.dir} has no commit checked out`);
  // The bar is the target branch's settings (gated classes, approvers, required approvals): the
  // checked-out head may have edited its own.
  await repo.fetch(ctx.defaultBranch);
  const bar = await ctx.configAt(`origin/${ctx.defaultBranch}`);
  let plan: Plan | undefined;
  let gate: Gate | undefined;
  let failure: Error | undefined;
  try {
    const proven = planFile.endsWith(`/${MANIFEST_FILE}`) ? await proveFleet(ctx, bar, planFile) : await proveOne(ctx, bar, planFile);
    ({ plan, gate } = proven);
  } catch (error) {
    failure = error as Error;
  }
  await forge.setCommitStatus(head, {
    context: CHECK_STATUS,
    state: failure ? 'failure' : 'success',
    description: failure ? failure.message : `${plan!.header.id} turns production into schema/*.sql`,
  });
  const mr = await forge.findOpenBotMergeRequest(config.branchPrefix, BOT_MARKER);
  if (mr) {
    await forge.comment(mr, templates.comment('check', { ok: !failure, problems: failure ? [failure.message] : [], file: planFile, source: head }));
    // Without a gate (the check failed first) the approval status is left unset on this head.
    if (gate) await refreshApprovalStatus(forge, bar, mr, head, gate.needsApproval);
  } else {
    log('no open bot merge request to comment on; only the commit status was set');
  }
  if (failure) throw failure;
  return { mr, plan: plan!, gate: gate! };
}
