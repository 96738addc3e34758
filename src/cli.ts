#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command, type CommandIO } from './cli/command.js';
import { applyCommand } from './cli/apply-command.js';
import { checkCommand } from './cli/check-command.js';
import { demoCommand } from './cli/demo-command.js';
import { diffCommand } from './cli/diff-command.js';
import { dumpCommand } from './cli/dump-command.js';
import { exitCodeOf } from './cli/exit-codes.js';
import { planCommand } from './cli/plan-command.js';
import { runCommand } from './cli/run-command.js';
import { syncCommand } from './cli/sync-command.js';
import { redactText, secretsOfUrl } from './db/redact.js';
import { forgeSecrets } from './forge/forge-secrets.js';

/** Every command, in the order `schema-bot --help` lists them (and the README's reference). */
export const COMMANDS: Command[] = [diffCommand, dumpCommand, planCommand, checkCommand, applyCommand, syncCommand, runCommand, demoCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `schema-bot keeps a PostgreSQL database in step with the schema declared in schema/*.sql.

Usage: schema-bot <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`schema-bot <command> --help\` for a command's options.`;
}

/** Secrets the process was given; scrubbed from every message it prints. */
function secretsIn(env: NodeJS.ProcessEnv, argv: string[]): string[] {
  const urls = [env.DATABASE_URL, env.SHADOW_DATABASE_URL, ...argv.filter((a) => /^postgres(ql)?:\/\//.test(a))];
  return [...urls.flatMap(secretsOfUrl), ...forgeSecrets(env)];
}

export async function main(argv: string[], io: Omit<CommandIO, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  const secrets = secretsIn(io.env, argv);
  const stderr = (text: string) => io.stderr(redactText(text, secrets));
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    stderr(`schema-bot: unknown command "${name}"\n\n${usage()}\n`);
    return 1;
  }
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
    // An error that carries SQL (a drift, what still differs) prints it as the command's output.
    const sql = (error as { sql?: string }).sql;
    if (sql) io.stdout(redactText(sql, secrets));
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
