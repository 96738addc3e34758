import { ledgerHolds } from '../apply/ledger.js';
import { eachBounded } from '../fleet/each-bounded.js';
import { MANIFEST_FILE, parseManifest, renderManifest } from '../fleet/fleet-manifest.js';
import type { FleetTarget } from '../fleet/fleet-target.js';
import { planFleet } from '../fleet/plan-fleet.js';
import type { Plan } from '../plan/plan-file.js';
import type { RunContext } from './context.js';
import type { PlanKind } from './plan-kind.js';
import { readPlanOnBranch } from './plan-on-branch.js';
import { planView } from './plan-view.js';
import { planSettings } from './run-settings.js';

/** How many target names a merge request lists per plan file; the manifest has them all. */
const NAMES_SHOWN = 10;

/** The manifest's path in the repository. */
export const manifestPath = (ctx: Pick<RunContext, 'config'>) => `${ctx.config.pendingDir}/${MANIFEST_FILE}`;

/**
 * Every target of the settings, one plan file per distinct base fingerprint under pending_dir,
 * with a manifest saying which targets run which file.
 */
export function fleetPlan(ctx: RunContext, targets: FleetTarget[]): PlanKind {
  const { config, repo, log } = ctx;
  const dir = config.pendingDir;
  return {
    where: 'every target database',
    async onBranch(branch) {
      await repo.fetch(branch);
      const text = await repo.show(`origin/${branch}`, manifestPath(ctx));
      if (text === undefined) return undefined;
      let manifest;
      try {
        manifest = parseManifest(text, `${branch}:${manifestPath(ctx)}`);
      } catch (error) {
        log(`${(error as Error).message}; it will be replaced`);
        return undefined;
      }
      const plans = new Map<string, Plan>();
      for (const g of manifest.groups) {
        const plan = await readPlanOnBranch(repo, branch, `${dir}/${g.file}`, log);
        if (!plan) return undefined;
        plans.set(`${dir}/${g.file}`, plan);
      }
      return { id: manifest.plan, plans, extra: { [manifestPath(ctx)]: text } };
    },
    async applied(id) {
      const held = await eachBounded(targets, ctx.jobs, (t) => ledgerHolds(t.url, id));
      return held.some((h) => h.status === 'fulfilled' && h.value);
    },
    async make(id) {
      const fleet = await planFleet({ ...(await planSettings(ctx, id)), targets, jobs: ctx.jobs, dir });
      if (fleet.plans.length === 0) return undefined;
      const manifestText = renderManifest(fleet.manifest);
      const plans = new Map(fleet.plans.map(({ group, made }) => [`${dir}/${group.file}`, made.plan!.file]));
      const first = fleet.plans[0]!;
      const firstPlan = first.made.plan!.file;
      return {
        id,
        plans,
        extra: { [manifestPath(ctx)]: manifestText },
        view: planView({ ...firstPlan.header, text: firstPlan.text }, first.made.actions, `${dir}/${first.group.file}`, first.made.failures, first.made.risk),
        destructive: fleet.plans.some(({ made }) => made.plan!.gate.needsApproval),
        fleet: {
          manifest: manifestPath(ctx),
          groups: fleet.plans.map(({ group, made }) => ({
            file: `${dir}/${group.file}`,
            base: group.base,
            statements: made.actions.length,
            count: group.targets.length,
            names: group.targets.slice(0, NAMES_SHOWN),
            more: Math.max(0, group.targets.length - NAMES_SHOWN),
          })),
          current: fleet.manifest.current.length,
          unread: fleet.unread.map((u) => ({ name: u.target.name, reason: u.reason })),
        },
      };
    },
  };
}
