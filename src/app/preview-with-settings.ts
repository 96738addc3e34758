import { previewMergeRequest, skipped, type PreviewOutcome } from '../workflow/preview.js';
import { botContext, type BotGiven, type BotIO } from './bot-context.js';
import { EXIT } from './exit-codes.js';
import { mergeRequestHead } from './merge-request-head.js';

/**
 * `preview`, for every front end. The merge request is the one the pipeline runs for, else the
 * one from the branch checked out. One from a fork is skipped before anything needs the database
 * or the API: its pipeline has neither secret, and the fork's files are anyone's to write.
 */
export async function previewWithSettings(given: BotGiven, io: BotIO): Promise<{ outcome: PreviewOutcome; exitCode: number }> {
  const pipeline = await mergeRequestHead(given.env);
  if (pipeline?.fork) {
    return { outcome: skipped(`skipped: ${pipeline.ref} comes from a fork, whose pipeline gets no secrets; the preview runs for branches of this repository`), exitCode: EXIT.ok };
  }
  const ctx = await botContext(given, io);
  const branch = typeof given.values.branch === 'string' ? given.values.branch : (pipeline?.ref ?? (await ctx.repo.currentBranch()));
  const sha = pipeline?.sha ?? (await ctx.repo.resolve('HEAD'));
  if (!branch || !sha) throw new Error('preview: no branch checked out; pass --branch NAME, or run it in a merge request pipeline');
  const outcome = await previewMergeRequest(ctx, { ref: branch, sha });
  const exitCode = outcome.lintErrors > 0 ? EXIT.lintErrors : outcome.rowFailures > 0 ? EXIT.notConverging : EXIT.ok;
  return { outcome, exitCode };
}
