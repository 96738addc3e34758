import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { actor } from '../cli/apply-settings.js';
import { botContext } from '../cli/bot-context.js';
import { EXIT } from '../cli/exit-codes.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/options.js';
import { connectionSetting } from '../db/connection-setting.js';
import { headCommit } from '../git/head-commit.js';
import { applyPlan } from '../plan/apply-plan.js';
import { driftExplainer } from '../plan/explain-drift.js';
import { planGate, refuseUnlessAllowed } from '../plan/gate.js';
import { makePlan } from '../plan/make-plan.js';
import { onlineActions } from '../plan/online.js';
import { loadPlan, parsePlan } from '../plan/plan-file.js';
import { markdownText } from '../templates/markdown-text.js';
import { codeBlock, loadTemplates } from '../templates/render.js';
import { planView } from '../workflow/plan-view.js';
import { reportCheck } from '../workflow/report-check.js';
import { runWorkflow } from '../workflow/run.js';
import { actionOutputs, type ActionResult } from './action-result.js';
import type { ActionCommand, Inputs } from './inputs.js';
import { pullRequestHead } from './pull-request-event.js';

/** What every command works with: the inputs, the environment (token included) and the checkout. */
export interface ActionRequest {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  /** The checkout: the workspace, or the working-directory input inside it. */
  repoDir: string;
  log(message: string): void;
}

/** The inputs as the CLI's flags, so settings resolve as they do for `schema-bot`: flag > env > .schema-bot.yml > default. */
function flagsOf(request: ActionRequest): Record<string, string | undefined> {
  const { inputs } = request;
  return {
    host: 'github',
    repo: request.repoDir,
    config: inputs.config,
    schema: inputs.schema,
    'pending-file': inputs['pending-file'],
    // Checked here so that a refusal names the input; the variables are checked as the CLI's.
    'database-url': connectionSetting([['input database-url', inputs['database-url']]]),
    'shadow-url': connectionSetting([['input shadow-url', inputs['shadow-url']]]),
  };
}

function databaseUrlOf(request: ActionRequest): string {
  const url = connectionSetting([['input database-url', request.inputs['database-url']], ['DATABASE_URL', request.env.DATABASE_URL]]);
  if (!url) throw new Error('no database: set the database-url input (from a secret) or DATABASE_URL');
  return url;
}

const shadowUrlOf = (request: ActionRequest) =>
  connectionSetting([['input shadow-url', request.inputs['shadow-url']], ['SHADOW_DATABASE_URL', request.env.SHADOW_DATABASE_URL]]);
const schemaPathsOf = (request: ActionRequest, config: Config) => config.schema.map((p) => path.resolve(request.repoDir, p));
const io = (request: ActionRequest) => ({ stdout: (text: string) => request.log(text.trimEnd()), log: request.log });

/** `run`: the bot, as `schema-bot run --host github`. */
async function run(request: ActionRequest): Promise<ActionResult> {
  const outcome = await runWorkflow(await botContext(flagsOf(request), request.env, io(request)));
  return {
    summary: outcome.summary,
    exitCode: outcome.result === 'apply-refused' ? EXIT.refused : EXIT.ok,
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
  const config = await loadConfig({ cwd: request.repoDir, env: request.env, flags: flagsOf(request) });
  if (head && !head.ref.startsWith(config.branchPrefix)) {
    // The branch is named by whoever opened the pull request: shown as text, never as markdown.
    const outcome = `skipped: ${markdownText(head.ref)} is not a bot branch (${config.branchPrefix}*)`;
    request.log(outcome);
    const templates = await loadTemplates(config.templateDir);
    return { summary: templates.summary({ command: 'check', destructive: false, outcome }), exitCode: EXIT.ok, outputs: actionOutputs({ hasChanges: false, destructive: false, result: 'skipped' }) };
  }
  const ctx = await botContext(flagsOf(request), request.env, io(request));
  const templates = ctx.templates;
  const { mr, gate } = await reportCheck(ctx, ctx.config.pendingFile, head?.sha);
  const plan = await loadPlan(path.resolve(ctx.repo.dir, ctx.config.pendingFile));
  const destructive = gate.needsApproval;
  const outcome = `passed: \`${ctx.config.pendingFile}\` (${plan.header.id}) turns production into schema/*.sql`;
  return {
    summary: templates.summary({ command: 'check', destructive, mergeRequestUrl: mr?.url, outcome }),
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: plan.header.id, hasChanges: true, destructive, mergeRequestUrl: mr?.url, result: 'passed' }),
  };
}

/** GitHub refuses a step summary over 1 MiB; a plan that long is shown up to a line well within it. */
const SUMMARY_PLAN_CHARS = 512 * 1024;

function shownPlan(text: string, file: string): string {
  if (text.length <= SUMMARY_PLAN_CHARS) return text;
  return `${text.slice(0, text.lastIndexOf('\n', SUMMARY_PLAN_CHARS))}\n-- … the plan goes on; all of it is in ${file}\n`;
}

/** `plan`: writes the plan file into the checkout, as `schema-bot plan`, and shows it in the summary. */
async function plan(request: ActionRequest): Promise<ActionResult> {
  const config = await loadConfig({ cwd: request.repoDir, env: request.env, flags: flagsOf(request) });
  const templates = await loadTemplates(config.templateDir);
  const made = await makePlan({
    databaseUrl: databaseUrlOf(request),
    shadowUrl: shadowUrlOf(request),
    schemaPath: schemaPathsOf(request, config),
    source: await headCommit(request.repoDir),
    now: new Date(),
    transform: config.online ? onlineActions : undefined,
    lockWaits: { lockTimeout: config.lockTimeout, lockRetries: 3, backoffMs: 1000 },
    probeMaxRows: config.probeMaxRows,
    log: request.log,
  });
  if (!made.text) {
    const outcome = 'no changes: the database matches the schema; no plan written';
    return { summary: templates.summary({ command: 'plan', destructive: false, outcome }), exitCode: EXIT.ok, outputs: actionOutputs({ hasChanges: false, destructive: false, result: 'no changes' }) };
  }
  await writeFile(path.resolve(request.repoDir, config.pendingFile), made.text);
  const parsed = await parsePlan(made.text, config.pendingFile);
  const view = planView({ ...parsed.header, text: made.text }, made.actions, config.pendingFile, made.failures);
  const destructive = planGate(parsed.statements, made.production, config.gated).needsApproval;
  const summary = templates.summary({ command: 'plan', plan: view, destructive, outcome: `written to \`${config.pendingFile}\`` });
  return {
    summary: `${summary}\n${codeBlock('sql', shownPlan(made.text, config.pendingFile))}\n`,
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: made.id, hasChanges: true, destructive, result: 'planned' }),
  };
}

/** `apply`: applies the plan file of the checkout, as `schema-bot apply`; data loss only with allow-hazards: data-loss. */
async function apply(request: ActionRequest): Promise<ActionResult> {
  const config = await loadConfig({ cwd: request.repoDir, env: request.env, flags: flagsOf(request) });
  const templates = await loadTemplates(config.templateDir);
  const planned = await loadPlan(path.resolve(request.repoDir, config.pendingFile));
  const allowed = new Set((request.inputs['allow-hazards'] ?? '').split(',').map((k) => k.trim()).filter(Boolean));
  const shadowUrl = shadowUrlOf(request);
  const refuse = refuseUnlessAllowed(allowed, (classes) => `set the allow-hazards input to ${classes.join(',')}`);
  let destructive = false;
  const outcome = await applyPlan({
    databaseUrl: databaseUrlOf(request),
    shadowUrl,
    plan: planned,
    gated: config.gated,
    authorize: (gate) => {
      destructive = true;
      return refuse(gate);
    },
    lockTimeout: config.lockTimeout,
    statementTimeout: config.statementTimeout,
    indexWaitTimeout: config.indexWaitTimeout,
    lockRetries: 3,
    backoffMs: 1000,
    appliedBy: actor(request.env),
    explainDrift: driftExplainer({ schemaPath: schemaPathsOf(request, config), shadowUrl }, request.log),
    log: request.log,
  });
  const id = planned.header.id;
  return {
    summary: templates.summary({ command: 'apply', destructive, outcome: `${id} ${outcome}` }),
    exitCode: EXIT.ok,
    outputs: actionOutputs({ planId: id, hasChanges: outcome === 'applied', destructive, result: outcome }),
  };
}

export const ACTION_COMMANDS: Record<ActionCommand, (request: ActionRequest) => Promise<ActionResult>> = { run, check, plan, apply };
