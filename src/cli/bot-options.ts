import { configFlags } from '../config/options.js';

/** The flags of every command that acts as the bot: the settings, the databases, the checkout. */
export const BOT_OPTIONS = {
  ...configFlags(),
  'database-url': { type: 'string' },
  'shadow-url': { type: 'string' },
  repo: { type: 'string' },
  jobs: { type: 'string' },
} as const;

export const BOT_OPTIONS_HELP = `  --repo DIR           the checkout (default: the current directory); .schema-bot.yml is read there
  --database-url URL   the production database (default: $DATABASE_URL)
  --shadow-url URL     a server for temporary shadow databases (default: $SHADOW_DATABASE_URL,
                       else an embedded PGlite)
  --config FILE        the settings file (default: .schema-bot.yml)
  --jobs N             with targets: how many databases are read or applied at once (default: 4)`;
