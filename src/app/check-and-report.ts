import type { Templates } from '../templates/render.js';
import { manifestPath } from '../workflow/fleet-plan.js';
import { reportCheck } from '../workflow/report-check.js';
import { botContext, type BotGiven, type BotIO } from './bot-context.js';

/**
 * `check --report`, for every front end: proves the plan file of the checkout (the pending_file
 * setting unless `planFile` names another) and reports the verdict on the host, as
 * workflow/report-check.ts says. Also hands back the file checked and the templates, for the
 * front end's own summary.
 */
export async function checkAndReport(given: BotGiven, io: BotIO, options: { planFile?: string; statusSha?: string } = {}) {
  const ctx = await botContext(given, io);
  // A fleet's branch carries its manifest and a plan file per group, which are proven together.
  const planFile = options.planFile ?? (ctx.config.targets.length > 0 ? manifestPath(ctx) : ctx.config.pendingFile);
  const report = await reportCheck(ctx, planFile, options.statusSha);
  const templates: Templates = ctx.templates;
  return { ...report, planFile, templates };
}
