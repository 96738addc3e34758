import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyWithSettings } from '../app/apply-with-settings.js';
import { checkAndReport } from '../app/check-and-report.js';
import { previewWithSettings } from '../app/preview-with-settings.js';
import { githubAnnotations } from '../lint/lint-reports.js';
import { EXIT } from '../app/exit-codes.js';
import { nextWaveWithSettings } from '../app/next-wave-with-settings.js';
import { runBot } from '../app/run-bot.js';
import { allowedHazards, databaseUrlOf, lockWaits, shadowUrlOf, timingFromConfig } from '../app/settings.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/options.js';
import { GITHUB_STEP_SUMMARY } from '../forge/hosts.js';
import { headCommit } from '../git/head-commit.js';
import { refuseUnlessAllowed, type Gate } from '../plan/gate.js';
import { makePlan } from '../plan/make-plan.js';
import { loadPlan } from '../plan/plan-file.js';
import { markdownText } from '../templates/markdown-text.js';
import { codeBlock, loadTemplates } from '../templates/render.js';
import { nextWaveMatrix } from '../workflow/fleet-matrix.js';
import { planView } from '../workflow/plan-view.js';
import { actionOutputs, type ActionResult } from './action-result.js';
import { INPUT_SPELLING, type ActionCommand, type Inputs } from './inputs.js';
import { pullRequestHead } from './pull-request-event.js';

/** What every command works with: the inputs, the environment (token included) and the checkout. */
export interface ActionRequest {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  /** The checkout: the workspace, or the working-directory input inside it. */
  repoDir: string;
  log(message: string): void;
}

/**
 * The inputs as the settings the CLI's flags give, so settings resolve as they do for
 * `schema-bot`: input > env > .schema-bot.yml > default; a refusal names the input.
 */
function valuesOf(request: ActionRequest): Record<string, string | undefined> {
  const { inputs } = request;
  return {
    host: 'github',
    repo: request.repoDir,
    config: inputs.config,
    schema: inputs.schema,
    'pending-file': inputs['pending-file'],
    'database-url': inputs['database-url'],
    'shadow-url': inputs['shadow-url'],
    'allow-hazards': inputs['allow-hazards'],
    target: inputs.target,
    jobs: inputs.jobs,
  };
}

const givenOf = (request: ActionRequest) => ({ values: valuesOf(request), env: request.env, spelling: INPUT_SPELLING });
const configOf = (request: ActionRequest) => loadConfig({ cwd: request.repoDir, env: request.env, flags: valuesOf(request) });
const schemaPathsOf = (request: ActionRequest, config: Config) => config.schema.map((p) => path.resolve(request.repoDir, p));
const io = (request: ActionRequest) => ({ stdout: (text: string) => request.log(text.trimEnd()), log: request.log });

/** `run`: the bot, as `schema-bot run --host github`. */
async function run(request: ActionRequest): Promise<ActionResult> {
  const { outcome, exitCode } = await runBot(givenOf(request), io(request));
  return {
    summary: outcome.summary,
    exitCode,
    outputs: actionOutputs({ ...outcome, hasChanges: !['nothing to do', 'closed'].includes(outcome.result) }),
  };
}

/**
 * `check`, as `schema-bot check --report`: on a pull request the statuses go to its head commit.
 * A pull request from a branch that is not the bot's has no plan to prove and passes untouched,
 * so the workflow may run this step on every pull request.
 */
async function check(request: ActionRequest): Promise<ActionResult> {
  const head = await pullRequestHead(request.env);
  // Decided before anything needs the database or the API: a fork's pull request has neither secret.
  const config = await configOf(request);
  if (head && !head.ref.startsWith(config.branchPrefix)) {
    // The branch is named by whoever opened the pull request: shown as text, never as markdown.
    const outcome = `skipped: ${markdownText(head.ref)} is not a bot branch (${config.branchPrefix}*)`;
    request.log(outcome);
    const templates = await loadTemplates(config.templateDir);
    return { summary: templates.summary({ command: 'check', destructive: false, outcome }), exitCode: EXIT.ok, outputs: actionOutputs({ hasChanges: false, destructive: false, result: 'skipped' }) };
  }
  const { mr, plan, gate, planFile, templates } = await checkAndReport(givenOf(request), io(request), { statusSha: head?.sha });
  const destructive = gate.needsApproval;
  const outcome = `passed: \`${planFile}\` (${plan.header.id}) turns production into schema/*.sql`;
  return {
    summary: templates.summary({ command: 'check', destructive, mergeRequestUrl: mr?.url, outcome }),
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: plan.header.id, hasChanges: true, destructive, mergeRequestUrl: mr?.url, result: 'passed' }),
  };
}

/**
 * `preview`, as `schema-bot preview --host github`, on a pull request a person opened: one comment
 * with the plan its merge would bring and the lint findings, and the schema-bot/preview status.
 */
async function preview(request: ActionRequest): Promise<ActionResult> {
  const { outcome, exitCode } = await previewWithSettings(givenOf(request), io(request));
  request.log(outcome.message);
  const config = await configOf(request);
  const templates = await loadTemplates(config.templateDir);
  return {
    summary: templates.summary({ command: 'preview', destructive: false, mergeRequestUrl: outcome.mr?.url, outcome: outcome.message }),
    exitCode,
    // Annotations name files from the workspace, where the checkout of working-directory sits.
    annotations: githubAnnotations(outcome.lint, (file) => path.relative(request.env.GITHUB_WORKSPACE || request.repoDir, path.resolve(request.repoDir, file))),
    outputs: actionOutputs({ hasChanges: outcome.statements > 0, destructive: false, mergeRequestUrl: outcome.mr?.url, result: outcome.result }),
  };
}

/** A plan longer than half of what a step summary takes is shown up to a line well within it. */
const SUMMARY_PLAN_CHARS = GITHUB_STEP_SUMMARY.limit / 2;

function shownPlan(text: string, file: string): string {
  if (text.length <= SUMMARY_PLAN_CHARS) return text;
  return `${text.slice(0, text.lastIndexOf('\n', SUMMARY_PLAN_CHARS))}\n-- … the plan goes on; all of it is in ${file}\n`;
}

/** `plan`: writes the plan file into the checkout, as `schema-bot plan`, and shows it in the summary. */
async function plan(request: ActionRequest): Promise<ActionResult> {
  const config = await configOf(request);
  const templates = await loadTemplates(config.templateDir);
  const given = givenOf(request);
  const made = await makePlan({
    databaseUrl: databaseUrlOf(given),
    shadowUrl: shadowUrlOf(given),
    schemaPath: schemaPathsOf(request, config),
    source: await headCommit(request.repoDir),
    now: new Date(),
    online: config.online,
    lockWaits: lockWaits(config.lockTimeout),
    probeMaxRows: config.probeMaxRows,
    smallTableRows: config.risk.smallTableRows,
    file: config.pendingFile,
    gated: config.gated,
    log: request.log,
  });
  if (!made.plan) {
    const outcome = 'no changes: the database matches the schema; no plan written';
    return { summary: templates.summary({ command: 'plan', destructive: false, outcome }), exitCode: EXIT.ok, outputs: actionOutputs({ hasChanges: false, destructive: false, result: 'no changes' }) };
  }
  await writeFile(path.resolve(request.repoDir, config.pendingFile), made.text);
  const view = planView({ ...made.plan.file.header, text: made.text }, made.actions, config.pendingFile, made.failures, made.risk);
  const destructive = made.plan.gate.needsApproval;
  const summary = templates.summary({ command: 'plan', plan: view, destructive, outcome: `written to \`${config.pendingFile}\`` });
  return {
    summary: `${summary}\n${codeBlock('sql', shownPlan(made.text, config.pendingFile))}\n`,
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: made.id, hasChanges: true, destructive, result: 'planned' }),
  };
}

/** `apply`: applies the plan file of the checkout, as `schema-bot apply`; data loss only with allow-hazards: data-loss. */
async function apply(request: ActionRequest): Promise<ActionResult> {
  const config = await configOf(request);
  const templates = await loadTemplates(config.templateDir);
  const planned = await loadPlan(path.resolve(request.repoDir, config.pendingFile));
  const given = givenOf(request);
  const refuse = refuseUnlessAllowed(allowedHazards(given), (classes) => INPUT_SPELLING.howToGive('allow-hazards', classes.join(',')));
  let destructive = false;
  const authorize = (gate: Gate) => {
    destructive = true;
    return refuse(gate);
  };
  const databases = { databaseUrl: databaseUrlOf(given), shadowUrl: shadowUrlOf(given), schemaPath: schemaPathsOf(request, config) };
  const outcome = await applyWithSettings(planned, { gated: config.gated, authorize }, databases, timingFromConfig(config), request.env, request.log);
  const id = planned.header.id;
  return {
    summary: templates.summary({ command: 'apply', destructive, outcome: `${id} ${outcome}` }),
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: id, hasChanges: outcome === 'applied', destructive, result: outcome }),
  };
}

/** `targets`, as `schema-bot targets --matrix`: the next wave of a merged fleet plan, as the `matrix` output. */
async function targets(request: ActionRequest): Promise<ActionResult> {
  const next = await nextWaveWithSettings(givenOf(request), io(request));
  const outcome = next.plan ? `${next.targets.length} target(s) of wave ${next.wave ?? '-'} wait for ${next.plan}` : 'no merged plan waits';
  request.log(outcome);
  const config = await configOf(request);
  const templates = await loadTemplates(config.templateDir);
  return {
    summary: templates.summary({ command: 'targets', destructive: false, outcome }),
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: next.plan, hasChanges: next.targets.length > 0, destructive: false, result: next.targets.length > 0 ? 'wave' : 'nothing to do', matrix: JSON.stringify(nextWaveMatrix(next)) }),
  };
}

export const ACTION_COMMANDS: Record<ActionCommand, (request: ActionRequest) => Promise<ActionResult>> = { run, check, preview, plan, apply, targets };
