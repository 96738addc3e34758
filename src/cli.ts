#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './app/usage-error.js';
import { type Command, type CommandIO } from './cli/command.js';
import { exitCodeOf } from './app/exit-codes.js';
import { processSecrets } from './secrets/process-secrets.js';
import { redactText } from './secrets/redact.js';
import { version } from './app/version.js';

/**
 * Each command's module, loaded when the command runs: `diff` then never loads the forge clients,
 * git, the config validator or the templates, which weigh on start-up (bench/NOTES.md).
 * The order is the one `schema-bot --help` lists them in (and the README's reference).
 */
const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  diff: async () => (await import('./cli/diff-command.js')).diffCommand,
  dump: async () => (await import('./cli/dump-command.js')).dumpCommand,
  lint: async () => (await import('./cli/lint-command.js')).lintCommand,
  plan: async () => (await import('./cli/plan-command.js')).planCommand,
  check: async () => (await import('./cli/check-command.js')).checkCommand,
  apply: async () => (await import('./cli/apply-command.js')).applyCommand,
  sync: async () => (await import('./cli/sync-command.js')).syncCommand,
  run: async () => (await import('./cli/run-command.js')).runCommand,
  targets: async () => (await import('./cli/targets-command.js')).targetsCommand,
  preview: async () => (await import('./cli/preview-command.js')).previewCommand,
  demo: async () => (await import('./cli/demo-command.js')).demoCommand,
};

/** Every command, all modules loaded: for the overview and the README's reference. */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
}

export function usage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `schema-bot keeps a PostgreSQL database in step with the schema declared in schema/*.sql.

Usage: schema-bot <command> [options]
       schema-bot help <command>
       schema-bot --version

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`schema-bot help <command>\` (or \`schema-bot <command> --help\`) for a command's options.`;
}

const CONNECTION_FLAGS = ['--database-url', '--shadow-url', '--desired-url'];

/** Connection strings on the command line: the values of the connection flags, and any URL. */
function connectionArguments(argv: string[]): string[] {
  return argv.flatMap((arg, i) => {
    const [flag, inline] = arg.split(/=(.*)/s);
    if (CONNECTION_FLAGS.includes(flag!)) return inline !== undefined ? [inline] : argv[i + 1] !== undefined ? [argv[i + 1]!] : [];
    return /^postgres(ql)?:\/\//.test(arg) ? [arg] : [];
  });
}

export async function main(argv: string[], io: Omit<CommandIO, 'argv'>): Promise<number> {
  // `schema-bot help <command>` is `schema-bot <command> --help`.
  const [name, ...rest] = argv[0] === 'help' && argv.length > 1 ? [argv[1]!, '--help'] : argv;
  const secrets = processSecrets(io.env, { connections: connectionArguments(argv) });
  const stderr = (text: string) => io.stderr(redactText(text, secrets));
  if (name === '-V' || name === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(`${usage(await loadCommands())}\n`);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  if (!load) {
    stderr(`schema-bot: unknown command "${name}"\n\n${usage(await loadCommands())}\n`);
    return 1;
  }
  const command = await load();
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run({ ...io, argv: rest, stderr });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? `\nRun \`schema-bot ${command.name} --help\` for usage.` : '';
    // An error that carries SQL (a drift, what still differs) prints it as the command's output,
    // as it is: SQL is the database's, not a message holding the secrets the process was given.
    const sql = (error as { sql?: string }).sql;
    if (sql) io.stdout(sql);
    stderr(`schema-bot ${command.name}: ${message}${hint}\n`);
    return exitCodeOf(error);
  }
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await main(process.argv.slice(2), {
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
