import { nextWave, type NextWave } from '../workflow/fleet-matrix.js';
import { botContext, type BotGiven, type BotIO } from './bot-context.js';

/** `targets`, for every front end: the next wave of a merged fleet plan. */
export async function nextWaveWithSettings(given: BotGiven, io: BotIO): Promise<NextWave> {
  const ctx = await botContext(given, io);
  if (ctx.config.targets.length === 0) throw new Error('.schema-bot.yml lists no targets: a single database needs no matrix');
  return nextWave(ctx);
}
