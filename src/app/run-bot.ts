import type { RunOutcome } from '../workflow/context.js';
import { runWorkflow } from '../workflow/run.js';
import { botContext, type BotGiven, type BotIO } from './bot-context.js';
import { EXIT } from './exit-codes.js';

/** `schema-bot run`, for every front end: one run of the bot and the exit code it ends with (5 when apply was refused). */
export async function runBot(given: BotGiven, io: BotIO): Promise<{ outcome: RunOutcome; exitCode: number }> {
  const only = typeof given.values.target === 'string' ? given.values.target : undefined;
  const outcome = await runWorkflow(await botContext(given, io), only);
  return { outcome, exitCode: outcome.result === 'apply-refused' ? EXIT.refused : EXIT.ok };
}
