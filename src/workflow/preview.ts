import { createHmac } from 'node:crypto';
import type { MergeRequest } from '../forge/forge.js';
import { ForgeError } from '../forge/forge-error.js';
import { lintSchema, type LintFinding } from '../lint/lint-schema.js';
import { makePlan } from '../plan/make-plan.js';
import { codeBlock } from '../templates/render.js';
import type { RunContext } from './context.js';
import { lockWaits } from './lock-waits.js';
import { riskView } from './plan-view.js';
import { singleDatabase } from './single-database.js';
import { schemaPaths } from './schema-paths.js';

export const PREVIEW_STATUS = 'schema-bot/preview';
/** A comment's lint table lists this many findings at most; `schema-bot lint` prints every one. */
const PREVIEW_LINT_ROWS = 50;
/** A comment's risk table lists this many statements at most; `plan` prints every one. */
const PREVIEW_RISK_ROWS = 50;
/** A preview's SQL is cut at a whole line past this: a comment on either host takes some 65,000 characters. */
const PREVIEW_SQL_CHARS = 40_000;

export interface PreviewOutcome {
  result: 'previewed' | 'no change' | 'skipped';
  mr?: MergeRequest;
  statements: number;
  /**
   * Whether the status fails: a rule at error, a statement production's rows make fail, or one
   * that rewrites or scans a large table under a lock that blocks writes. Data loss is for the
   * approvals of the bot's merge request, and says so in the comment.
   */
  failed: boolean;
  lintErrors: number;
  rowFailures: number;
  /** The lint findings, files named relative to the repository. */
  lint: LintFinding[];
  message: string;
}

/**
 * `schema-bot preview` on a merge request a person opened: the plan production would get if it
 * were merged (production against the checked-out schema, read-only), with lint findings, kept
 * in one comment that each push edits, and a commit status on the head. The bar (gated classes)
 * is the default branch's, as it will be when the bot's own merge request is made.
 */
export async function previewMergeRequest(ctx: RunContext, head: { ref: string; sha: string }): Promise<PreviewOutcome> {
  const { config, forge, templates, log } = ctx;
  if (head.ref.startsWith(config.branchPrefix)) {
    return skipped(`skipped: ${head.ref} is the bot's own branch, whose merge request shows its plan`);
  }
  const mr = await forge.findMergeRequestByBranch(head.ref);
  if (!mr || mr.state !== 'open') return skipped(`skipped: no open merge request from ${head.ref}`);
  await ctx.repo.fetch(ctx.defaultBranch);
  const bar = await ctx.configAt(`origin/${ctx.defaultBranch}`);
  const schemaPath = schemaPaths(ctx);
  const made = await makePlan({
    databaseUrl: singleDatabase(ctx),
    shadowUrl: ctx.shadowUrl,
    schemaPath,
    source: head.sha,
    now: ctx.now,
    online: config.online,
    lockWaits: lockWaits(ctx),
    probeMaxRows: bar.probeMaxRows,
    file: config.pendingFile,
    gated: bar.gated,
    smallTableRows: bar.risk.smallTableRows,
    log,
  });
  // The default branch's severities: the branch under review must not turn a rule off for itself.
  const lint = await lintSchema({ schemaPath, shadowUrl: ctx.shadowUrl, severities: bar.lint, root: ctx.repo.dir, log });
  const gate = made.plan?.gate;
  const lintErrors = lint.findings.filter((f) => f.severity === 'error').length;
  const heavy = made.risk.filter((r) => r.severity === 'high' && !r.dataLoss).length;
  const failed = lintErrors > 0 || made.failures.length > 0 || heavy > 0;
  const statements = made.actions.length;
  const marker = previewMarker(singleDatabase(ctx), mr);
  const rendered = templates.comment('preview', {
    source: head.sha,
    statements,
    sqlBlock: codeBlock('sql', cutAtLine(made.text, PREVIEW_SQL_CHARS)),
    gated: (gate?.statements ?? []).flatMap((s) =>
      s.findings.filter((f) => gate!.gated.includes(f.kind)).map((f) => ({ statement: s.statement.sql.trim().split('\n')[0]!, kind: f.kind })),
    ),
    failures: made.failures.map((f) => ({ statement: f.statement, failure: f.failure })),
    lint: lint.findings.slice(0, PREVIEW_LINT_ROWS).map((f) => ({ severity: f.severity, rule: f.rule, where: f.file ? `${f.file}:${f.line}` : f.object, message: f.message })),
    lintOmitted: Math.max(0, lint.findings.length - PREVIEW_LINT_ROWS),
    risk: made.risk.slice(0, PREVIEW_RISK_ROWS).map(riskView),
    riskOmitted: Math.max(0, made.risk.length - PREVIEW_RISK_ROWS),
    marker,
  });
  // A template of the repository's own may leave the marker out; the comment is found by it.
  const body = rendered.includes(marker) ? rendered : `${rendered}\n${marker}\n`;
  // The oldest comment with the marker is the bot's: the marker cannot be known before its first one.
  const earlier = (await forge.comments(mr)).find((c) => c.body.includes(marker));
  // A merge request that never changed the schema gets no comment; one that stopped changing it
  // gets its comment turned into saying so.
  if (earlier) {
    if (earlier.body !== body) await editOrComment(ctx, mr, earlier.id, body);
  } else if (statements > 0) {
    await forge.comment(mr, body);
  }
  const summary = statements === 0 ? 'no schema change' : `${statements} statement(s)${gate?.needsApproval ? `; needs approval: ${gate.gated.join(', ')}` : ''}`;
  const problems = [
    lintErrors ? `${lintErrors} lint error(s)` : '',
    made.failures.length ? `${made.failures.length} statement(s) fail on production's rows` : '',
    heavy ? `${heavy} statement(s) of high risk on production's tables` : '',
  ].filter(Boolean);
  const description = [summary, ...problems].join('; ');
  await forge.setCommitStatus(head.sha, { context: PREVIEW_STATUS, state: failed ? 'failure' : 'success', description });
  const rowFailures = made.failures.length;
  return { result: statements > 0 ? 'previewed' : 'no change', mr, statements, failed, lintErrors, rowFailures, lint: lint.findings, message: `${mr.url}: ${description}` };
}

export const skipped = (message: string): PreviewOutcome => ({ result: 'skipped', statements: 0, failed: false, lintErrors: 0, rowFailures: 0, lint: [], message });

/**
 * The hidden marker the preview finds its comment by, keyed with production's URL, a secret the
 * merge request's author does not hold: anyone may write a comment, but none can write the
 * marker before the bot's first comment shows it, so a comment planted earlier is never taken
 * for the bot's.
 */
function previewMarker(databaseUrl: string, mr: MergeRequest): string {
  return `<!-- schema-bot:preview ${createHmac('sha256', databaseUrl).update(`preview ${mr.url}`).digest('hex').slice(0, 20)} -->`;
}

/** Edits the bot's comment; one the host no longer lets it edit (deleted, locked) is replaced by a new one. */
async function editOrComment(ctx: RunContext, mr: MergeRequest, id: number, body: string): Promise<void> {
  try {
    await ctx.forge.editComment(mr, id, body);
  } catch (error) {
    if (!(error instanceof ForgeError)) throw error;
    ctx.log(`could not edit the preview comment (${error.message}); commenting anew`);
    await ctx.forge.comment(mr, body);
  }
}

/** The text up to the last whole line within `chars` (or cut at `chars` when one line is longer). */
function cutAtLine(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const end = text.lastIndexOf('\n', chars);
  return `${text.slice(0, end > 0 ? end : chars)}\n-- … the plan goes on: run schema-bot plan to see all of it\n`;
}
