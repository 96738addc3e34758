import type { RunContext } from './context.js';

/** The one database of a run without targets; with targets, commands that need one say how to name it. */
export function singleDatabase(ctx: Pick<RunContext, 'databaseUrl'>): string {
  if (!ctx.databaseUrl) throw new Error('no database: .schema-bot.yml lists targets, and this command works on one database; pass --database-url or set DATABASE_URL');
  return ctx.databaseUrl;
}
