import { parseArgs } from 'node:util';
import { applyWithSettings } from '../app/apply-with-settings.js';
import { allowedHazards, databaseSettings, FLAG_SPELLING, timingOf, type Given } from '../app/settings.js';
import { UsageError } from '../app/usage-error.js';
import { DEFAULT_GATED, refuseUnlessAllowed } from '../plan/gate.js';
import { loadPlan } from '../plan/plan-file.js';
import { ALLOW_HAZARDS_OPTION, TIMING_OPTIONS, TIMING_OPTIONS_HELP } from './apply-options.js';
import { type Command } from './command.js';
import { DATABASE_OPTIONS, DATABASE_OPTIONS_HELP } from './common-options.js';
import { EXIT, exitCodeHelp } from '../app/exit-codes.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply pending.sql exactly once, only to the database it was planned for',
  help: `Usage: schema-bot apply [--plan FILE] [--allow-hazards KINDS] [--resume-after-step N] [--database-url URL] [timing options]

Applies a plan exactly once and only from the state it was planned against:
  - a session advisory lock keeps two appliers apart; the second waits, then finds the work done;
  - the ledger table schema_bot.ledger records plan id, file sha256, base, target, source, who,
    when, and the progress of non-transactional statements; a plan already applied is a no-op;
  - the database must have the plan's base fingerprint, or already the target (recorded, exit 0);
    anything else is refused and the drift printed as SQL (against --schema);
  - the plan is first rehearsed on production's schema in a shadow (--shadow-url, else PGlite):
    a plan that does not reach its target fingerprint there is refused before anything runs;
  - each BEGIN/COMMIT block runs as one transaction together with its ledger update, and so does
    each statement outside a block; those PostgreSQL refuses in a transaction (CREATE INDEX
    CONCURRENTLY, …) run bare, recorded before and after, so a rerun after a crash resumes and
    runs nothing twice (an INVALID index left by an interrupted build is dropped and rebuilt);
  - a statement that commits on its own (CALL, a DO block that commits or rolls back) is recorded
    as started before it runs and never run twice: after an interruption apply stops, names it,
    and goes on only once you have checked it by hand and pass --resume-after-step with its number;
  - afterwards the database must have the target fingerprint, else apply fails loudly.
A plan whose statements delete data (DROP TABLE, DELETE, a lossy type change, …), change data
(UPDATE, INSERT, COPY), or cannot be verified (DO, CALL, SELECT, a function someone wrote run on
production's rows) is refused unless --allow-hazards names those classes. The classes come from
the statements as parsed, never from the plan's comments.
Connect directly or through a session-mode pool: a transaction-pooling proxy is detected and refused.

Options:
  --plan FILE          the plan (default: pending.sql)
  --allow-hazards K    comma-separated classes to allow: data-loss, data-change, unverifiable
  --resume-after-step N  record step N, which an interrupted apply left started and which you
                       checked by hand, as done, and go on with the next one
${TIMING_OPTIONS_HELP}
${DATABASE_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error', 'drift', 'notConverging', 'refused', 'busy'])}

Examples:
  schema-bot apply --plan pending.sql --database-url "$DATABASE_URL"
  schema-bot apply --allow-hazards data-loss --lock-timeout 2s --lock-retries 5`,

  async run({ argv, env, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DATABASE_OPTIONS,
        ...TIMING_OPTIONS,
        ...ALLOW_HAZARDS_OPTION,
        plan: { type: 'string', default: 'pending.sql' },
        'resume-after-step': { type: 'string' },
      },
      strict: true,
    });
    const given: Given = { values, env, spelling: FLAG_SPELLING };
    const settings = databaseSettings(given);
    const waits = timingOf(given);
    const log = (m: string) => stderr(`${m}\n`);
    const resume = values['resume-after-step'];
    if (resume !== undefined && !/^[1-9]\d*$/.test(resume)) throw new UsageError(`--resume-after-step must be a step number such as 3, not "${resume}"`);
    const plan = await loadPlan(values.plan!);
    const authorize = refuseUnlessAllowed(allowedHazards(given), (classes) => FLAG_SPELLING.howToGive('allow-hazards', classes.join(',')));
    const resumeAfterStep = resume === undefined ? undefined : Number(resume);
    const outcome = await applyWithSettings(plan, { gated: DEFAULT_GATED, authorize, resumeAfterStep }, settings, waits, env, log);
    log(`${plan.header.id}: ${outcome}`);
    return EXIT.ok;
  },
};
