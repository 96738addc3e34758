import { parseArgs } from 'node:util';
import { exitCodeHelp } from '../app/exit-codes.js';
import { nextWaveWithSettings } from '../app/next-wave-with-settings.js';
import { FLAG_SPELLING } from '../app/settings.js';
import { UsageError } from '../app/usage-error.js';
import { nextWaveMatrix, type NextWave } from '../workflow/fleet-matrix.js';
import { BOT_OPTIONS, BOT_OPTIONS_HELP } from './bot-options.js';
import { type Command } from './command.js';

/** GitLab's most jobs in one parallel:matrix. */
const GITLAB_MATRIX_LIMIT = 200;

/** A child pipeline with one job per target of the wave, or one that says there is nothing to do. */
function gitlabPipeline(next: NextWave): string {
  const head = `# schema-bot targets --matrix: ${next.plan ? `wave ${next.wave ?? '-'} of ${next.plan}` : 'no merged plan'}, ${next.targets.length} target(s)\n`;
  if (next.targets.length === 0) return `${head}schema-bot-nothing-to-apply:\n  script:\n    - echo "no target waits for a merged plan"\n`;
  if (next.targets.length > GITLAB_MATRIX_LIMIT) {
    throw new Error(`wave ${next.wave} has ${next.targets.length} targets, more than the ${GITLAB_MATRIX_LIMIT} jobs GitLab's parallel:matrix takes; let one schema-bot run apply them (--jobs at a time), or split the wave in .schema-bot.yml`);
  }
  const list = next.targets.map((t) => JSON.stringify(t)).join(', ');
  return `${head}schema-bot-apply:
  image: $SCHEMA_BOT_IMAGE
  script:
    - $SCHEMA_BOT_COMMAND run --target "$SCHEMA_BOT_TARGET"
  parallel:
    matrix:
      - SCHEMA_BOT_TARGET: [${list}]
`;
}

export const targetsCommand: Command = {
  name: 'targets',
  summary: 'with targets: the next wave of a merged plan, as a CI matrix',
  help: `Usage: schema-bot targets --matrix [--format github|gitlab] [--repo DIR] [settings]

With targets in .schema-bot.yml and a merged plan on the default branch, prints the targets of
the next wave that have not applied it (read from each target's ledger), for the CI to run one
\`schema-bot run --target NAME\` job per target. After the jobs, the next \`schema-bot run\` (or
this command again) finds the wave done and moves on; a run without --target also applies every
wave itself, --jobs at a time, for teams that need no matrix.

  --format github   JSON for strategy.matrix: {"plan":…,"wave":…,"target":[…]}; "target" is empty
                    when nothing waits (skip the matrix job on that: GitHub refuses an empty matrix)
  --format gitlab   a child pipeline document: one job per target through parallel:matrix, running
                    $SCHEMA_BOT_COMMAND run --target "$SCHEMA_BOT_TARGET" in $SCHEMA_BOT_IMAGE
                    (forward both variables with the trigger), or one job that says nothing waits

Options:
  --matrix             print the next wave as a matrix (required)
  --format FORMAT      github (default) or gitlab
${BOT_OPTIONS_HELP}
  -h, --help           show this help

${exitCodeHelp(['ok', 'error'])}`,

  async run({ argv, env, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { ...BOT_OPTIONS, matrix: { type: 'boolean' }, format: { type: 'string' } }, strict: true });
    if (!values.matrix) throw new UsageError('targets prints a matrix: pass --matrix');
    const format = values.format ?? 'github';
    if (format !== 'github' && format !== 'gitlab') throw new UsageError(`--format must be github or gitlab, not "${format}"`);
    const next = await nextWaveWithSettings({ values, env, spelling: FLAG_SPELLING }, { stdout, log: (m) => stderr(`${m}\n`) });
    stdout(format === 'github' ? `${JSON.stringify(nextWaveMatrix(next))}\n` : gitlabPipeline(next));
    return 0;
  },
};
