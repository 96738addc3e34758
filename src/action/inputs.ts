import type { Spelling } from '../app/settings.js';

/**
 * The action's inputs as action.yml declares them (a test keeps the two equal). The runner hands
 * each to the process as INPUT_<NAME>: upper-cased, spaces turned into underscores, hyphens kept.
 */
export const INPUT_NAMES = [
  'command',
  'database-url',
  'shadow-url',
  'token',
  'schema',
  'config',
  'pending-file',
  'working-directory',
  'allow-hazards',
  'target',
  'jobs',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

export const COMMANDS = ['run', 'check', 'preview', 'plan', 'apply', 'targets'] as const;
export type ActionCommand = (typeof COMMANDS)[number];

export type Inputs = Partial<Record<InputName, string>> & { command: ActionCommand };

/** An input's environment variable name, as the runner spells it. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The inputs that were given; an empty input (an unset secret, say) counts as not given. */
export function readInputs(env: NodeJS.ProcessEnv): Inputs {
  const inputs: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) {
    const value = env[inputVariable(name)]?.trim();
    if (value) inputs[name] = value;
  }
  const command = inputs.command ?? 'run';
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new Error(`input command must be one of ${COMMANDS.join(', ')}, not "${command}"`);
  }
  return { ...inputs, command: command as ActionCommand };
}

/** How the action names a setting in a refusal: by its input. */
export const INPUT_SPELLING: Spelling = {
  name: (setting) => `input ${setting}`,
  howToGive: (setting, value) => `set the ${setting} input${value ? ` to ${value}` : ''}`,
};
